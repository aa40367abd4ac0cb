import { listMonitors } from '../../../../db/queries/monitors';
import { createMonitor } from '../../../../probe/monitors';
import { route } from '../../../_lib/route';

export const GET = route('read', async ({ runtime }) => Response.json({ monitors: await listMonitors(runtime.db) }));

export const POST = route('monitors:write', async ({ request, user, runtime }) =>
  Response.json(await createMonitor(runtime.db, runtime.box, await request.json(), user.id), { status: 201 }));
