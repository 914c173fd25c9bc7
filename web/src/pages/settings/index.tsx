// Settings: users and roles, API keys, locale/time zone/currency, scoring rules, audit log.
import { PageHeader } from '../../components/page';

export default function Settings() {
  return <PageHeader title="Settings" />;
}
