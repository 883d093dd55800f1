import { Alert, Card, Descriptions, Flex } from 'antd';
import { useState } from 'react';
import { Page } from '../../components/Page';
import { NoticeNumberSearch } from '../payments/NoticeNumberSearch';
import { PrintButton } from '../../components/PrintButton';
import { formatDateTime } from '../../lib/dates';
import { errorMessage } from '../../lib/serverErrors';
import { formatYuan } from '../../lib/units';
import { useNotice } from '../payments/api';
import { NoticeStatusTag, receiptPrintPath } from '../payments/labels';

/**
 * 交款回单补打 (developer manual §1.4.2): at the office window, an owner or developer who lost the
 * bank's receipt gets it printed again from the notice number.
 */
export function ReceiptReprintPage() {
  const [typed, setTyped] = useState('');
  const [no, setNo] = useState<string>();
  const notice = useNotice(no);
  const n = notice.data;
  return (
    <Page title="交款回单补打">
      <Flex vertical gap={16}>
        <NoticeNumberSearch
          id="receipt-notice-no"
          value={typed}
          onChange={setTyped}
          onSearch={(v) => setNo(v.trim().toUpperCase() || undefined)}
        />
        {no && notice.isPending && <Card loading />}
        {no && notice.isError && <Alert type="error" showIcon role="alert" title={errorMessage(notice.error)} />}
        {n && (
          <Card title={`交款通知单 ${n.no}`} extra={<NoticeStatusTag status={n.status} />}>
            <Descriptions column={2} size="small">
              <Descriptions.Item label="交款人">{n.payerName}</Descriptions.Item>
              <Descriptions.Item label="物业区域">{n.areaName}</Descriptions.Item>
              <Descriptions.Item label="金额">{formatYuan(n.total)} 元</Descriptions.Item>
              <Descriptions.Item label="房屋">{n.items.length} 套</Descriptions.Item>
              {n.payment && (
                <>
                  <Descriptions.Item label="收款银行">{n.payment.bankName}</Descriptions.Item>
                  <Descriptions.Item label="银行流水号">{n.payment.bankRef}</Descriptions.Item>
                  <Descriptions.Item label="入账时间">{formatDateTime(n.payment.confirmedAt)}</Descriptions.Item>
                </>
              )}
            </Descriptions>
            <div style={{ marginTop: 12 }}>
              {n.payment ? (
                <PrintButton path={receiptPrintPath(n.no)}>打印交款回单</PrintButton>
              ) : (
                <Alert type="info" showIcon title="该通知单尚未缴款，没有交款回单" />
              )}
            </div>
          </Card>
        )}
      </Flex>
    </Page>
  );
}
