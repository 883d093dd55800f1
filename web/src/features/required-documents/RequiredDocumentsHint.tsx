import { Typography } from 'antd';
import type { CSSProperties } from 'react';
import { type RequiredDocType, useRequiredDocuments } from './api';

const box: CSSProperties = { padding: '8px 12px', background: '#f0f5ff', border: '1px solid #d6e4ff', borderRadius: 6 };

/** 所需要件: what the applicant brings to the window with the printed form (F-62), beside the upload step. */
export function RequiredDocumentsHint({ type, style }: { type: RequiredDocType; style?: CSSProperties }) {
  const list = useRequiredDocuments(type);
  if (!list.data) return null;
  const { documents } = list.data;
  return (
    <div data-testid="required-documents" style={{ ...box, ...style }}>
      <Typography.Text strong>所需要件：</Typography.Text>
      <Typography.Text>{documents.length > 0 ? documents.join('、') : '无'}</Typography.Text>
      {documents.length > 0 && (
        <div>
          <Typography.Text type="secondary">
            请携带申请表及以上纸质材料（复印件用 A4 纸并加盖公章）至受理窗口，须全部收齐才能受理。
          </Typography.Text>
        </div>
      )}
    </div>
  );
}
