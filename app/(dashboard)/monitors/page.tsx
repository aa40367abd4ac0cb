import { SectionPlaceholder, sectionMetadata } from '../../_components/SectionPlaceholder';

export const metadata = sectionMetadata('monitors');

export default function MonitorsPage() {
  return <SectionPlaceholder section="monitors" />;
}
