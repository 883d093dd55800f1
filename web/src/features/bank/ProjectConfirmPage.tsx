import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Result, Table, Tabs, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Page } from '../../components/Page';
import { formatDateTime } from '../../lib/dates';
import { errorMessage } from '../../lib/serverErrors';
import { formatYuan } from '../../lib/units';
import { type Instruction, type InstructionKind, KIND_TEXT, type ProjectConfirmResult, useInstructions } from './projectApi';
import { ProjectConfirmModal } from './ProjectConfirmModal';

/**
 * F-70 划转确认 (approved disbursements paid out to the payees) and 清退确认 (refund notices paid in):
 * what waits for this bank, found by number or picked from the list, and what it already confirmed.
 */
export function ProjectConfirmPage({ kind }: { kind: InstructionKind }) {
  const text = KIND_TEXT[kind];
  const [search, setSearch] = useState('');
  // The number asked for, by a click or a scan: it opens once the list that holds it has arrived.
  const [openNo, setOpenNo] = useState<string>();
  const [result, setResult] = useState<ProjectConfirmResult>();
  const pending = useInstructions('pending');
  const confirmed = useInstructions('confirmed');
  const wanted = search.trim().toUpperCase();
  const mine = (list?: { items: Instruction[] }) =>
    (list?.items ?? []).filter((i) => i.kind === kind && (!wanted || i.number.includes(wanted)));
  const columns = instructionColumns(text.number, text.amount);
  const open = (pending.data?.items ?? []).find((i) => i.kind === kind && i.number === openNo);
  const missing = openNo && pending.data && !open;

  const lookUp = async (value: string) => {
    const no = value.trim().toUpperCase();
    setSearch(no);
    setOpenNo(undefined);
    // The list is read afresh first: the page stays open all day, and an instruction approved
    // since it was read would otherwise be reported as not waiting.
    if (no) await pending.refetch();
    // After the Enter of a scan or a keyboard has been handled: a dialog opened during that key
    // takes the focus, and the same key then presses its close button.
    window.setTimeout(() => setOpenNo(no || undefined));
  };

  return (
    <Page title={text.page}>
      {result && (
        <Result
          status={result.repeated ? 'info' : 'success'}
          title={result.repeated ? `该编号此前已确认${text.done}` : `${text.done}确认成功`}
          subTitle={`${result.number}：${formatYuan(result.amount)} 元，确认编号 ${result.confirmationId}，${formatDateTime(result.confirmedAt)}${result.repeated ? '；本次未重复记账' : ''}`}
          extra={<Button onClick={() => setResult(undefined)}>继续确认</Button>}
        />
      )}
      <Input.Search
        aria-label={text.number}
        allowClear
        placeholder={`输入或扫描${text.number}`}
        onSearch={(value) => void lookUp(value)}
        onChange={(e) => !e.target.value && setSearch('')}
        enterButton={<Button icon={<SearchOutlined aria-hidden />}>查询</Button>}
        style={{ width: 420, marginBottom: 16 }}
      />
      {pending.isError && <Alert type="error" showIcon title={errorMessage(pending.error)} />}
      {missing && (
        <Alert
          type="warning"
          showIcon
          title={`没有待${text.done}的 ${openNo}：编号有误、尚未审核通过或已经确认`}
          style={{ marginBottom: 16 }}
        />
      )}
      <Tabs
        items={[
          {
            key: 'pending',
            label: `待${text.done}（${mine(pending.data).length}）`,
            children: (
              <Table<Instruction>
                rowKey="number"
                size="middle"
                loading={pending.isFetching}
                dataSource={mine(pending.data)}
                locale={{ emptyText: `暂无待${text.done}的业务` }}
                columns={[
                  ...columns,
                  {
                    title: '操作',
                    key: 'act',
                    width: 110,
                    render: (_, i) => (
                      <Button type="link" size="small" onClick={() => setOpenNo(i.number)}>
                        {text.button}
                      </Button>
                    ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'confirmed',
            label: `已${text.done}`,
            children: (
              <Table<Instruction>
                rowKey="number"
                size="middle"
                loading={confirmed.isFetching}
                dataSource={mine(confirmed.data)}
                columns={[
                  ...columns,
                  { title: '确认时间', dataIndex: 'confirmedAt', width: 150, render: (d: string | null) => formatDateTime(d) },
                ]}
              />
            ),
          },
        ]}
      />
      {open && (
        <ProjectConfirmModal
          item={open}
          onClose={() => setOpenNo(undefined)}
          onDone={(r) => {
            setOpenNo(undefined);
            setResult(r);
          }}
        />
      )}
    </Page>
  );
}

function instructionColumns(numberTitle: string, amountTitle: string): TableColumnsType<Instruction> {
  return [
    { title: numberTitle, dataIndex: 'number', width: 170 },
    { title: '维修项目', key: 'project', render: (_, i) => `${i.projectName}（${i.projectNo}）` },
    { title: '物业区域', dataIndex: 'areaName', width: 120 },
    { title: '收款单位', key: 'payees', render: (_, i) => i.payees.map((p) => p.unitName).join('、') || '—' },
    { title: `${amountTitle}（元）`, dataIndex: 'amount', width: 140, align: 'right', render: (f: number) => formatYuan(f) },
  ];
}
