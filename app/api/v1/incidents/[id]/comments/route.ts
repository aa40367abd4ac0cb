import { commentInputSchema } from '../../../../../../db/schema';
import { addComment } from '../../../../../../alert/incidents';
import { problem, route } from '../../../../../_lib/route';

export const POST = route<{ id: string }>('monitors:write', async ({ request, user, runtime, params }) => {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id)) return problem(404, 'No such incident.');
  const { body } = commentInputSchema.parse(await request.json());
  return Response.json(await addComment(runtime.db, id, user.id, body), { status: 201 });
});
