// One segment: its rule read aloud, member count and history, a member preview, export, edit, delete.
import { PageHeader } from '../components/page';

export default function SegmentDetail() {
  return <PageHeader title="Segment" />;
}
