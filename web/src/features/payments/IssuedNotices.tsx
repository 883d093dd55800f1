import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, List, Typography } from 'antd';
import type { IssueResult } from './api';
import { noticePrintPath } from './labels';

/**
 * What printing notices produced: the new notices and, under R-30, the unpaid ones already issued for
 * the same houses — each with a link to its print view (manual “在通知单页面单击‘打印’按钮”).
 */
export function IssuedNotices({ result, onClose }: { result: IssueResult; onClose?: () => void }) {
  const open = (no: string) => window.open(noticePrintPath(no), '_blank', 'noopener');
  const item = (no: string, kind: string) => (
    <List.Item
      actions={[
        <Button key="print" type="link" icon={<PrinterOutlined aria-hidden />} onClick={() => open(no)} aria-label={`打印交款通知单 ${no}`}>
          打印
        </Button>,
      ]}
    >
      <Typography.Text copyable strong>
        {no}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
        {kind}
      </Typography.Text>
    </List.Item>
  );
  const nothing = result.issued.length === 0 && result.reprint.length === 0;
  return (
    <Flex vertical gap={12} data-testid="issued-notices">
      {nothing && <Alert type="info" showIcon title="所选房屋均已交足，无需打印交款通知单" />}
      {result.issued.length > 0 && <Alert type="success" showIcon title={`已生成 ${result.issued.length} 张交款通知单，请逐张打印`} />}
      {result.reprint.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={`有 ${result.reprint.length} 张未缴的交款通知单可重新打印`}
          description="同一房屋同一交款用途不能同时存在两张未缴的交款通知单。以下房屋已有未缴的通知单，未重复生成，请重新打印原通知单；如需重开，请先在“交款通知单查询”中作废原通知单。"
        />
      )}
      {!nothing && (
        <List
          bordered
          size="small"
          dataSource={[
            ...result.issued.map((no) => ({ no, kind: '新生成' })),
            ...result.reprint.map((no) => ({ no, kind: '重新打印（已有未缴通知单）' })),
          ]}
          renderItem={(r) => item(r.no, r.kind)}
        />
      )}
      {onClose && (
        <Flex justify="flex-end">
          <Button onClick={onClose}>关闭</Button>
        </Flex>
      )}
    </Flex>
  );
}
