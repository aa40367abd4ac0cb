// The sections whose features are still being built: what each will show, said honestly.
import { EmptyState, PageHeader } from './EmptyState';
import { requirePage } from '../_lib/guard';

const sections = {
  'round-trips': {
    title: 'Round trips',
    description: 'Test emails sent through your servers to Mailpulse’s own receiver.',
    emptyTitle: 'No round trips yet',
    body: 'A round trip sends a test email through one of your monitored servers to Mailpulse’s receiver on a schedule. Here you will see how long each message took end to end, the delay at every hop, whether SPF, DKIM, DMARC and ARC passed, and any message that never arrived.',
    next: 'Round trips need a monitor first; they arrive after monitors.',
  },
  'deliverability': {
    title: 'Deliverability',
    description: 'Bounce and complaint rates against the limits mailbox providers enforce, and DMARC pass rates.',
    emptyTitle: 'No bounces, complaints or DMARC reports yet',
    body: 'Once bounces (DSNs), feedback-loop complaints (ARF) and DMARC aggregate reports come in by upload, API, IMAP or Mailpulse’s receiver, this page charts your bounce rate against the 2% limit and your complaint rate against 0.1% and the 0.3% ceiling, counted against your send volumes.',
    next: 'Ingest of bounces, complaints and DMARC reports is not built yet; this page stays empty until it is.',
  },
  'reports': {
    title: 'Reports',
    description: 'Scheduled bounce-rate and uptime reports for your team.',
    emptyTitle: 'No reports scheduled',
    body: 'Reports will summarise bounce and complaint rates, uptime and incidents for a period and send them to your team on a schedule.',
    next: 'Scheduled reports need data from monitors and ingest, which come first.',
  },
} as const;

type Section = keyof typeof sections;

export function sectionMetadata(section: Section) {
  return { title: sections[section].title };
}

export async function SectionPlaceholder({ section }: { section: Section }) {
  await requirePage();
  const copy = sections[section];
  return (
    <>
      <PageHeader title={copy.title} description={copy.description} />
      <EmptyState title={copy.emptyTitle} next={copy.next}>
        <p>{copy.body}</p>
      </EmptyState>
    </>
  );
}
