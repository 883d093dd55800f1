import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Input, Modal, Select, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import type { RegistryHouse } from '../../api/types';
import { errorMessage } from '../../lib/serverErrors';
import { houseLabel } from '../applications/forms';
import { fetchHouse } from '../registry/api';
import { ID_TYPES, type IdType, options } from '../registry/enums';
import { DEPOSIT_STATUS_KEY, type IssueResult, issueOwnerNotices, NOTICES_KEY } from './api';
import { IssuedNotices } from './IssuedNotices';
import { blankOwner, newOwnerKey, type OwnerDraft, type OwnerField, ownerProblems } from './owners';

interface OwnerPaymentModalProps {
  areaId: number;
  houses: RegistryHouse[];
  onClose: () => void;
  onIssued: () => void;
}

/**
 * “业主交款列表” (manual §1.4.2 第六步): per house, the icon before it opens its owners — the registered
 * ones, editable — and “添加” adds more; all four fields are required. “打印交款单” issues one notice per house.
 */
export function OwnerPaymentModal({ areaId, houses, onClose, onIssued }: OwnerPaymentModalProps) {
  const details = useQueries({
    queries: houses.map((h) => ({ queryKey: ['houses', h.id], queryFn: () => fetchHouse(h.id) })),
  });
  const [owners, setOwners] = useState<ReadonlyMap<number, OwnerDraft[]>>(new Map());
  const [expanded, setExpanded] = useState<number[]>([]);
  const [showErrors, setShowErrors] = useState(false);
  const [result, setResult] = useState<IssueResult>();
  const queryClient = useQueryClient();

  // The registered owners become each house's starting list, once.
  const loaded = details.map((d) => d.data);
  useEffect(() => {
    setOwners((prev) => {
      let next: Map<number, OwnerDraft[]> | undefined;
      for (const d of loaded) {
        if (!d || prev.has(d.id)) continue;
        next ??= new Map(prev);
        next.set(
          d.id,
          d.owners.map((o) => ({ key: newOwnerKey(), name: o.name, idType: o.idType as IdType, idNumber: o.idNumber, phone: o.phone })),
        );
      }
      return next ?? prev;
    });
  }, [loaded]);

  const loading = details.some((d) => d.isPending);
  const loadError = details.find((d) => d.isError)?.error;

  const problemsOf = (houseId: number) => {
    const list = owners.get(houseId) ?? [];
    if (list.length === 0) return ['请添加业主'];
    return list.flatMap((o, i) => Object.values(ownerProblems(o)).map((m) => `第 ${i + 1} 位业主：${m}`));
  };
  const housesWithProblems = houses.filter((h) => problemsOf(h.id).length > 0);

  const issue = useMutation({
    mutationFn: () =>
      issueOwnerNotices({
        areaId,
        houses: houses.map((h) => ({
          houseId: h.id,
          owners: (owners.get(h.id) ?? []).map((o) => ({
            name: o.name.trim(),
            idType: o.idType,
            idNumber: o.idNumber.trim().toUpperCase(),
            phone: o.phone.trim(),
          })),
        })),
      }),
    onSuccess: (r) => {
      setResult(r);
      onIssued();
      queryClient.invalidateQueries({ queryKey: DEPOSIT_STATUS_KEY });
      queryClient.invalidateQueries({ queryKey: NOTICES_KEY });
      for (const h of houses) queryClient.invalidateQueries({ queryKey: ['houses', h.id] });
    },
  });

  const submit = () => {
    setShowErrors(true);
    if (housesWithProblems.length > 0) {
      setExpanded(housesWithProblems.map((h) => h.id));
      return;
    }
    issue.mutate();
  };

  const update = (houseId: number, fn: (list: OwnerDraft[]) => OwnerDraft[]) =>
    setOwners((prev) => new Map(prev).set(houseId, fn(prev.get(houseId) ?? [])));

  const serverFieldErrors = issue.error instanceof ApiError ? Object.values(issue.error.body.fieldErrors ?? {}) : [];

  return (
    <Modal open title="业主交款列表" width={1100} onCancel={onClose} mask={{ closable: false }} footer={null} destroyOnHidden>
      {result ? (
        <IssuedNotices result={result} onClose={onClose} />
      ) : loadError ? (
        <Alert type="error" showIcon title={`无法读取房屋业主：${errorMessage(loadError)}`} />
      ) : (
        <Spin spinning={loading}>
          <Typography.Paragraph type="secondary">
            单击房屋前的图标展开业主信息：已有业主可直接修改，单击“添加”增加业主。业主姓名、证件类型、证件号码、手机号均为必填项，请按业主真实信息填写。尚未登记业主的房屋，打印后所填业主即登记为该房屋的业主，房屋记为已售，并记入房屋变更记录。
          </Typography.Paragraph>
          {showErrors && housesWithProblems.length > 0 && (
            <Alert
              type="error"
              showIcon
              role="alert"
              style={{ marginBottom: 12 }}
              title={`有 ${housesWithProblems.length} 套房屋的业主信息不完整，请补充后再打印`}
              description={housesWithProblems
                .slice(0, 5)
                .map((h) => `${houseLabel(h)}：${problemsOf(h.id)[0]}`)
                .join('；')}
            />
          )}
          {issue.isError && (
            <Alert
              type="error"
              showIcon
              role="alert"
              style={{ marginBottom: 12 }}
              title={errorMessage(issue.error)}
              description={serverFieldErrors.length > 0 ? serverFieldErrors.join('；') : undefined}
            />
          )}
          <Table<RegistryHouse>
            rowKey="id"
            size="small"
            dataSource={houses}
            pagination={houses.length > 10 ? { pageSize: 10 } : false}
            expandable={{
              expandedRowKeys: expanded,
              onExpandedRowsChange: (keys) => setExpanded(keys.map(Number)),
              expandedRowRender: (h) => (
                <OwnerRows house={h} owners={owners.get(h.id) ?? []} showErrors={showErrors} onChange={(fn) => update(h.id, fn)} />
              ),
            }}
            columns={[
              { title: '房屋', key: 'house', render: (_, h) => houseLabel(h) },
              { title: '坐落', dataIndex: 'address', ellipsis: true },
              {
                title: '业主',
                key: 'owners',
                render: (_, h) => {
                  const list = owners.get(h.id) ?? [];
                  return list.length ? list.map((o) => o.name || '（未填姓名）').join('、') : <Tag>未录入</Tag>;
                },
              },
              {
                title: '业主信息',
                key: 'state',
                width: 120,
                render: (_, h) => (problemsOf(h.id).length === 0 ? <Tag color="success">已完整</Tag> : <Tag color="warning">待补充</Tag>),
              },
            ]}
          />
          <Flex justify="flex-end" gap={8} style={{ marginTop: 16 }}>
            <Button onClick={onClose}>取消</Button>
            <Button type="primary" icon={<PrinterOutlined aria-hidden />} loading={issue.isPending} disabled={loading} onClick={submit}>
              打印交款单
            </Button>
          </Flex>
        </Spin>
      )}
    </Modal>
  );
}

interface OwnerRowsProps {
  house: RegistryHouse;
  owners: OwnerDraft[];
  showErrors: boolean;
  onChange: (fn: (list: OwnerDraft[]) => OwnerDraft[]) => void;
}

function OwnerRows({ house, owners, showErrors, onChange }: OwnerRowsProps) {
  const label = houseLabel(house);
  const set = (key: string, field: OwnerField, value: string) =>
    onChange((list) => list.map((o) => (o.key === key ? { ...o, [field]: value } : o)));
  const cell = (o: OwnerDraft, i: number, field: OwnerField, title: string) => {
    const problem = showErrors ? ownerProblems(o)[field] : undefined;
    const common = { status: problem ? ('error' as const) : undefined, 'aria-label': `${label} 第 ${i + 1} 位${title}` };
    return (
      <div>
        {field === 'idType' ? (
          <Select
            {...common}
            value={o.idType}
            options={options(ID_TYPES)}
            onChange={(v) => set(o.key, 'idType', v)}
            style={{ width: '100%' }}
          />
        ) : (
          <Input
            {...common}
            value={o[field]}
            maxLength={field === 'phone' ? 11 : field === 'name' ? 50 : 30}
            inputMode={field === 'phone' ? 'numeric' : undefined}
            onChange={(e) => set(o.key, field, e.target.value)}
          />
        )}
        {problem && (
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            {problem}
          </Typography.Text>
        )}
      </div>
    );
  };
  return (
    <Flex vertical gap={8} style={{ padding: '4px 0' }}>
      <Table<OwnerDraft>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={owners}
        locale={{ emptyText: '该房屋暂无业主，请单击“添加”' }}
        columns={[
          { title: '业主姓名', key: 'name', width: 160, render: (_, o, i) => cell(o, i, 'name', '业主姓名') },
          { title: '证件类型', key: 'idType', width: 220, render: (_, o, i) => cell(o, i, 'idType', '证件类型') },
          { title: '证件号码', key: 'idNumber', width: 240, render: (_, o, i) => cell(o, i, 'idNumber', '证件号码') },
          { title: '手机号', key: 'phone', width: 160, render: (_, o, i) => cell(o, i, 'phone', '手机号') },
          {
            title: '操作',
            key: 'actions',
            width: 70,
            render: (_, o, i) => (
              <Button
                type="link"
                danger
                size="small"
                aria-label={`删除 ${label} 第 ${i + 1} 位业主`}
                onClick={() => onChange((list) => list.filter((x) => x.key !== o.key))}
              >
                删除
              </Button>
            ),
          },
        ]}
      />
      <div>
        <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => onChange((list) => [...list, blankOwner()])}>
          添加
        </Button>
        {showErrors && owners.length === 0 && (
          <Typography.Text type="danger" style={{ marginInlineStart: 12 }}>
            请添加业主
          </Typography.Text>
        )}
      </div>
    </Flex>
  );
}
