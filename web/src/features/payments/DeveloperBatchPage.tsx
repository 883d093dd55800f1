import { CheckCircleFilled, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Flex, Modal, Row, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { LoadingOrError } from '../../components/LoadingOrError';
import { Page } from '../../components/Page';
import { errorMessage } from '../../lib/serverErrors';
import { formatYuan } from '../../lib/units';
import { AreaPicker, useAreaParam } from './AreaPicker';
import { type BuildingDeposit, DEPOSIT_STATUS_KEY, type IssueResult, issueDeveloperBatch, NOTICES_KEY, useDepositStatus } from './api';
import { IssuedNotices } from './IssuedNotices';

/**
 * 开发建设单位批量交款 (manual §1.4.1, F-20): choose the area, click the buildings on the right, then
 * “打印交款通知单” — one notice per building for all its houses not yet fully deposited.
 */
export function DeveloperBatchPage() {
  const [areaId, setAreaId] = useAreaParam();
  const [picked, setPicked] = useState<ReadonlySet<number>>(new Set());
  const [result, setResult] = useState<IssueResult>();
  const status = useDepositStatus(areaId);
  const queryClient = useQueryClient();
  const issue = useMutation({
    mutationFn: () => issueDeveloperBatch({ areaId: areaId ?? 0, buildingIds: [...picked] }),
    onSuccess: (r) => {
      setResult(r);
      setPicked(new Set());
      queryClient.invalidateQueries({ queryKey: DEPOSIT_STATUS_KEY });
      queryClient.invalidateQueries({ queryKey: NOTICES_KEY });
    },
  });
  const toggle = (id: number) =>
    setPicked((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const buildings = status.data?.buildings ?? [];
  const pickedOutstanding = buildings.filter((b) => picked.has(b.buildingId)).reduce((sum, b) => sum + b.outstanding, 0);

  return (
    <Page title="开发建设单位批量交款">
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          以幢为单位打印维修资金交存通知单，由开发建设单位持通知单到专户银行柜台交存。请选择物业区域，再在右侧单击选择交款的楼幢（可多选）。
        </Typography.Paragraph>
        <Row gutter={24}>
          <Col xs={24} lg={7}>
            <Card type="inner" size="small" title="选择物业区域">
              <Flex vertical gap={16}>
                <AreaPicker
                  value={areaId}
                  onChange={(id) => {
                    setAreaId(id);
                    setPicked(new Set());
                    issue.reset();
                  }}
                />
                {areaId && status.data && (
                  <>
                    <Statistic title="已选楼幢" value={picked.size} suffix="幢" />
                    <Statistic title="已选楼幢待交金额（元）" value={formatYuan(pickedOutstanding)} />
                  </>
                )}
                <Button
                  type="primary"
                  size="large"
                  icon={<PrinterOutlined aria-hidden />}
                  disabled={!areaId || picked.size === 0}
                  loading={issue.isPending}
                  onClick={() => issue.mutate()}
                >
                  打印交款通知单
                </Button>
                {issue.isError && <Alert type="error" showIcon role="alert" title={errorMessage(issue.error)} />}
              </Flex>
            </Card>
          </Col>
          <Col xs={24} lg={17}>
            <Card type="inner" size="small" title="楼幢（单击选择，可多选）">
              {!areaId ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="请先选择物业区域" />
              ) : status.data ? (
                buildings.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该物业区域还没有楼幢" />
                ) : (
                  <Row gutter={[12, 12]} role="group" aria-label="楼幢">
                    {buildings.map((b) => (
                      <Col key={b.buildingId} xs={24} sm={12} xl={8}>
                        <BuildingCard building={b} selected={picked.has(b.buildingId)} onToggle={() => toggle(b.buildingId)} />
                      </Col>
                    ))}
                  </Row>
                )
              ) : (
                <LoadingOrError query={status} />
              )}
            </Card>
          </Col>
        </Row>
      </Flex>
      <Modal open={!!result} title="交款通知单" width={640} footer={null} onCancel={() => setResult(undefined)}>
        {result && <IssuedNotices result={result} onClose={() => setResult(undefined)} />}
      </Modal>
    </Page>
  );
}

function BuildingCard({ building: b, selected, onToggle }: { building: BuildingDeposit; selected: boolean; onToggle: () => void }) {
  const done = b.unpaid === 0;
  return (
    <button
      type="button"
      onClick={onToggle}
      aria-pressed={selected}
      aria-label={`${b.name}，${b.houses} 套，未交足 ${b.unpaid} 套，待交 ${formatYuan(b.outstanding)} 元`}
      style={{
        width: '100%',
        textAlign: 'left',
        cursor: 'pointer',
        padding: 12,
        borderRadius: 8,
        background: selected ? '#e8f0fe' : '#fff',
        border: selected ? '2px solid #1554ad' : '1px solid #d9dde3',
        font: 'inherit',
      }}
    >
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {b.name}
        </Typography.Text>
        {selected ? (
          <CheckCircleFilled style={{ color: '#1554ad', fontSize: 18 }} aria-hidden />
        ) : done ? (
          <Tag color="success">已交足</Tag>
        ) : b.openNotices > 0 ? (
          <Tag color="orange">有未缴通知单 {b.openNotices} 张</Tag>
        ) : null}
      </Flex>
      <Flex vertical gap={2}>
        <Typography.Text type="secondary">房屋：{b.houses} 套</Typography.Text>
        <Typography.Text type={done ? 'secondary' : 'warning'}>未交足：{b.unpaid} 套</Typography.Text>
        <Typography.Text>待交金额：{formatYuan(b.outstanding)} 元</Typography.Text>
      </Flex>
    </button>
  );
}
