import { SectionPlaceholder, sectionMetadata } from '../../_components/SectionPlaceholder';

export const metadata = sectionMetadata('round-trips');

export default function RoundTripsPage() {
  return <SectionPlaceholder section="round-trips" />;
}
