// The import wizard: upload a file, map its columns with a preview, import, see the rejects.
import { PageHeader } from '../components/page';

export default function Import() {
  return <PageHeader title="Import" />;
}
