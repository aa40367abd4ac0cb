import { SectionPlaceholder, sectionMetadata } from '../../_components/SectionPlaceholder';

export const metadata = sectionMetadata('incidents');

export default function IncidentsPage() {
  return <SectionPlaceholder section="incidents" />;
}
