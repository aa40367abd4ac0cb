import { sendTestNotification } from '../../../../../../alert/notify';
import { route } from '../../../../../_lib/route';

/** Sends a test alert at once and reports the outcome (also logged with the notifications). */
export const POST = route<{ id: string }>('settings:manage', async ({ runtime, params }) =>
  Response.json(await sendTestNotification(runtime.notify, params.id)));
