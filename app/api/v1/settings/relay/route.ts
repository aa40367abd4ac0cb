import { saveRelay } from '../../../../../alert/settings';
import { route } from '../../../../_lib/route';

export const PUT = route('settings:manage', async ({ request, runtime }) => {
  await saveRelay(runtime.db, runtime.box, await request.json());
  return new Response(null, { status: 204 });
});
