import { Card } from '@tremor/react';
import { listMembers } from '../../../lib/team';
import { assignableRoles } from '../../../lib/roles';
import { getRuntime } from '../../../lib/runtime';
import { PageHeader } from '../../_components/EmptyState';
import { TeamPanel } from '../../_components/TeamPanel';
import { requirePage } from '../../_lib/guard';

export const metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const user = await requirePage('settings:manage');
  const { db, database, env } = await getRuntime();
  const members = await listMembers(db);
  return (
    <>
      <PageHeader title="Settings" description="Your team, their roles, and how this Mailpulse runs." />
      <section className="mt-6">
        <TeamPanel
          me={user.id}
          myRole={user.role}
          assignable={assignableRoles(user.role)}
          members={members.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() }))}
        />
      </section>
      <section className="mt-6">
        <Card>
          <h2 className="text-tremor-title font-semibold text-tremor-content-strong">This instance</h2>
          <dl className="mt-4 grid grid-cols-1 gap-3 text-tremor-default sm:grid-cols-2">
            <div><dt className="text-tremor-content">Database</dt>
              <dd className="font-medium" data-testid="database-kind">{database.kind === 'pglite' ? 'Embedded (PGlite)' : 'PostgreSQL'}</dd></div>
            <div><dt className="text-tremor-content">Data folder</dt><dd className="font-medium break-all">{env.DATA_DIR}</dd></div>
          </dl>
        </Card>
      </section>
    </>
  );
}
