import { listChannels } from '../../../../db/queries/alerts';
import { createChannel } from '../../../../alert/settings';
import { route } from '../../../_lib/route';

export const GET = route('settings:manage', async ({ runtime }) => Response.json({ channels: await listChannels(runtime.db) }));

export const POST = route('settings:manage', async ({ request, runtime }) =>
  Response.json(await createChannel(runtime.db, runtime.box, await request.json()), { status: 201 }));
