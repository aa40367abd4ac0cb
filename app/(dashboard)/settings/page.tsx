import { Card } from '@tremor/react';
import { listChannels, recentNotifications, relaySettings } from '../../../db/queries/alerts';
import { listMembers } from '../../../lib/team';
import { assignableRoles } from '../../../lib/roles';
import { getRuntime } from '../../../lib/runtime';
import { AlertSettings } from '../../_components/AlertSettings';
import { PageHeader } from '../../_components/EmptyState';
import { TeamPanel } from '../../_components/TeamPanel';
import { requirePage } from '../../_lib/guard';

export const metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const user = await requirePage('settings:manage');
  const { db, database, env } = await getRuntime();
  const [members, channels, relay, attempts] = await Promise.all([listMembers(db), listChannels(db), relaySettings(db), recentNotifications(db)]);
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
        <AlertSettings
          channels={channels.map((c) => ({ id: c.id, name: c.name, type: c.type, config: { to: 'to' in c.config ? c.config.to : undefined, url: 'url' in c.config ? c.config.url : undefined } }))}
          relay={relay && { host: relay.host, port: relay.port, security: relay.security, username: relay.username, fromAddress: relay.fromAddress, hasPassword: relay.hasPassword }}
          attempts={attempts.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() }))}
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
