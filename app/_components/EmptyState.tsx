import { Card } from '@tremor/react';

/** What a section will show, and how to get there, when it has nothing yet. */
export function EmptyState({ title, children, next }: { title: string; children: React.ReactNode; next: React.ReactNode }) {
  return (
    <Card className="mx-auto mt-6 max-w-2xl text-center" data-testid="empty-state">
      <h2 className="text-tremor-title font-semibold text-tremor-content-strong">{title}</h2>
      <div className="mt-2 space-y-2 text-tremor-default text-tremor-content">{children}</div>
      <p className="mt-4 text-tremor-default font-medium text-tremor-content-emphasis">{next}</p>
    </Card>
  );
}

export function PageHeader({ title, description }: { title: string; description: string }) {
  return (
    <header>
      <h1 className="text-2xl font-semibold tracking-tight text-tremor-content-strong">{title}</h1>
      <p className="mt-1 text-tremor-default text-tremor-content">{description}</p>
    </header>
  );
}
