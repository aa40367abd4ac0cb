import { requestCheckNow } from '../../../../../../probe/monitors';
import { route } from '../../../../../_lib/route';

/** "Check now": the scheduler picks the monitor up on its next pass, within about a second. */
export const POST = route<{ id: string }>('monitors:write', async ({ runtime, params }) => {
  await requestCheckNow(runtime.db, params.id);
  return Response.json({ queued: true }, { status: 202 });
});
