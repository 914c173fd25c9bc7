// What the segment pages read and change over the API, shared by the list, the detail page and
// the builder (so a delete or an edit refreshes every view of segments).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError, withQuery } from '../../api';
import { useMe } from '../../auth';
import type { Json, SegmentInfo } from '../../types';
import type { ExportColumn, ExportFormat, ExportLabels } from '../../../../src/services/segments/export-columns';
import type { MembershipHistory, SegmentMember } from '../../../../src/services/segments/segment-members';
import type { Page } from '../../../../src/services/customers/list-customers';

export type SegmentMembersData = Json<Page<SegmentMember>>;
export type SegmentHistoryData = Json<MembershipHistory>;
export type RefreshData = { entered: number; exited: number; members: number };

/** Days of entries and exits the detail page sums up. */
export const HISTORY_DAYS = 30;

export function useSegment(id: string | undefined) {
  return useQuery({ queryKey: ['segments', 'one', id], queryFn: () => api<SegmentInfo>(`/v1/segments/${id ?? ''}`), enabled: Boolean(id) });
}

/** Which segment actions the signed-in operator may take. */
export function useSegmentPermissions(): { write: boolean; exportable: boolean } {
  const perms = useMe().data?.permissions ?? [];
  return { write: perms.includes('segments:write'), exportable: perms.includes('segments:export') };
}

export function useDeleteSegment(onDone?: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (seg: Pick<SegmentInfo, 'id' | 'name'>) => api<{ deleted: number }>(`/v1/segments/${seg.id}`, { method: 'DELETE' }).then(() => seg),
    onSuccess: (seg) => {
      void message.success(t('segment.deleted', { name: seg.name }));
      qc.removeQueries({ queryKey: ['segments', 'one', String(seg.id)] });
      void qc.invalidateQueries({ queryKey: ['segments'] });
      onDone?.();
    },
    onError: (err) => void message.error(err instanceof ApiError ? err.message : String(err)),
  });
}

export function exportUrl(id: number, format: ExportFormat, columns: readonly ExportColumn[], labels: ExportLabels = 'codes'): string {
  return withQuery(`/v1/segments/${id}/export`, { format, columns: columns.join(','), labels });
}
