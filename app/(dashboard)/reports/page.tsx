import { SectionPlaceholder, sectionMetadata } from '../../_components/SectionPlaceholder';

export const metadata = sectionMetadata('reports');

export default function ReportsPage() {
  return <SectionPlaceholder section="reports" />;
}
