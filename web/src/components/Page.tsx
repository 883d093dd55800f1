import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useDocumentTitle } from '../lib/useDocumentTitle';

interface PageProps {
  title: string;
  /** Buttons or links at the right of the title. */
  extra?: ReactNode;
  children: ReactNode;
}

/** A workspace page: its title (also the browser tab's), actions, and content on a card. */
export function Page({ title, extra, children }: PageProps) {
  useDocumentTitle(title);
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </Flex>
      <Card>{children}</Card>
    </Flex>
  );
}
