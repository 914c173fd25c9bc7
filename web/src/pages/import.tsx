// The import wizard: choose what the file holds, upload it, map its columns with a preview,
// import it with a progress bar, then see what happened and the rejected rows.
import { Card, Steps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/page';
import type { EntityName } from '../../../src/core/import/entities';
import type { UploadPreview } from '../../../src/services/import/jobs/preview-file';
import { EntityStep } from './import/entity-step';
import { JobResult } from './import/job-result';
import { MappingStep } from './import/mapping-step';
import { RecentImports } from './import/recent-imports';
import { UploadStep } from './import/upload-step';

export default function Import() {
  const { t } = useTranslation();
  const [step, setStep] = useState(0);
  const [entity, setEntity] = useState<EntityName>('customers');
  const [preview, setPreview] = useState<UploadPreview | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const restart = () => {
    setPreview(null);
    setJobId(null);
    setStep(0);
  };
  return (
    <div>
      <PageHeader title={t('import.title')} sub={t('import.sub')} />
      <Card>
        <Steps
          current={step} style={{ marginBottom: 24 }} data-testid="import-steps"
          items={[{ title: t('import.step.entity') }, { title: t('import.step.upload') }, { title: t('import.step.mapping') }, { title: t('import.step.run') }]}
        />
        {step === 0 ? <EntityStep value={entity} onChange={setEntity} onNext={() => setStep(1)} /> : null}
        {step === 1 ? <UploadStep entity={entity} onBack={() => setStep(0)} onUploaded={(p) => { setPreview(p); setStep(2); }} /> : null}
        {step === 2 && preview ? (
          <MappingStep preview={preview} entity={entity} onBack={() => setStep(1)} onStarted={(job) => { setJobId(job.id); setStep(3); }} />
        ) : null}
        {step === 3 && jobId ? <JobResult key={jobId} jobId={jobId} onAgain={restart} /> : null}
      </Card>
      <RecentImports onOpen={(id) => { setJobId(id); setStep(3); }} />
    </div>
  );
}
