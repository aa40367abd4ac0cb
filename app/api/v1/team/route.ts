import { addMember, listMembers } from '../../../../lib/team';
import { route } from '../../../_lib/route';

export const GET = route('team:manage', async ({ runtime }) =>
  Response.json({ members: await listMembers(runtime.db) }));

export const POST = route('team:manage', async ({ request, user, runtime }) => {
  const created = await addMember(runtime.db, runtime.hashPassword, user, await request.json());
  return Response.json(created, { status: 201 });
});
