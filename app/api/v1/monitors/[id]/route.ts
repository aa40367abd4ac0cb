import { z } from 'zod';
import { monitorDetail } from '../../../../../db/queries/monitors';
import { deleteMonitor, setPaused, updateMonitor } from '../../../../../probe/monitors';
import { problem, route } from '../../../../_lib/route';

export const GET = route<{ id: string }>('read', async ({ runtime, params }) => {
  const monitor = await monitorDetail(runtime.db, params.id);
  return monitor ? Response.json({ monitor }) : problem(404, 'No such monitor.');
});

const pauseOnly = z.object({ paused: z.boolean() }).strict();

/** `{ "paused": true|false }` pauses or resumes; any other body is a full edit. */
export const PATCH = route<{ id: string }>('monitors:write', async ({ request, runtime, params }) => {
  const body = await request.json();
  const pause = pauseOnly.safeParse(body);
  if (pause.success) await setPaused(runtime.db, params.id, pause.data.paused);
  else await updateMonitor(runtime.db, runtime.box, params.id, body);
  return new Response(null, { status: 204 });
});

export const DELETE = route<{ id: string }>('monitors:write', async ({ runtime, params }) => {
  await deleteMonitor(runtime.db, params.id);
  return new Response(null, { status: 204 });
});
