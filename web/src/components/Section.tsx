import { Card } from 'antd';
import type { ReactNode } from 'react';

/** A titled part of a long page (e.g. 基本信息, 房屋信息), with its own actions on the right. */
export function Section({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card type="inner" size="small" title={title} extra={extra} styles={{ body: { padding: 16 } }}>
      {children}
    </Card>
  );
}
