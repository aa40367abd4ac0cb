// better-auth's endpoints: sign-in, sign-out, session.
import { getRuntime } from '../../../../lib/runtime';

async function handle(request: Request) {
  const { auth } = await getRuntime();
  return auth.handler(request);
}

export { handle as GET, handle as POST };
