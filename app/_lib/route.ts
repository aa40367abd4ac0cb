// API route handlers: checks the session and permission, then maps domain errors to one HTTP status each.
import 'server-only';
import { ZodError } from 'zod';
import { can, type Permission } from '../../lib/roles';
import { getRuntime, type Runtime } from '../../lib/runtime';
import { AppError } from '../../lib/errors';
import { currentUser, type SessionUser } from './guard';

type Handler<P> = (ctx: { request: Request; user: SessionUser; runtime: Runtime; params: P }) => Promise<Response>;

export function route<P = Record<string, never>>(permission: Permission, handler: Handler<P>) {
  return async (request: Request, context: { params: Promise<P> }) => {
    try {
      const user = await currentUser();
      if (!user) return problem(401, 'Sign in first.');
      if (!can(user.role, permission)) return problem(403, `Your role (${user.role}) does not allow this.`);
      return await handler({ request, user, runtime: await getRuntime(), params: await context.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function errorResponse(error: unknown): Response {
  if (error instanceof ZodError) {
    return Response.json({
      error: error.issues[0]?.message ?? 'Invalid input',
      issues: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    }, { status: 400 });
  }
  if (error instanceof AppError) return problem(error.status, error.message);
  if (error instanceof SyntaxError) return problem(400, 'The request body is not valid JSON.');
  console.error('mailpulse: unhandled API error:', error);
  return problem(500, 'Something went wrong on the server.');
}

export function problem(status: number, message: string): Response {
  return Response.json({ error: message }, { status });
}
