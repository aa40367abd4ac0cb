import { deleteChannel } from '../../../../../alert/settings';
import { route } from '../../../../_lib/route';

export const DELETE = route<{ id: string }>('settings:manage', async ({ runtime, params }) => {
  await deleteChannel(runtime.db, params.id);
  return new Response(null, { status: 204 });
});
