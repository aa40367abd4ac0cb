// Errors with a meaning a person can act on. Each carries the one HTTP status it maps to
// (app/_lib/route.ts is the only place that turns them into responses).
export class AppError extends Error {
  override name = 'AppError';
  constructor(readonly status: 400 | 403 | 404 | 409 | 422 | 503, message: string) {
    super(message);
  }
}
