import { changeRole, removeMember } from '../../../../../lib/team';
import { route } from '../../../../_lib/route';

export const PATCH = route<{ id: string }>('team:manage', async ({ request, user, runtime, params }) => {
  await changeRole(runtime.db, user, params.id, await request.json());
  return new Response(null, { status: 204 });
});

export const DELETE = route<{ id: string }>('team:manage', async ({ user, runtime, params }) => {
  await removeMember(runtime.db, user, params.id);
  return new Response(null, { status: 204 });
});
