import { SectionPlaceholder, sectionMetadata } from '../../_components/SectionPlaceholder';

export const metadata = sectionMetadata('deliverability');

export default function DeliverabilityPage() {
  return <SectionPlaceholder section="deliverability" />;
}
