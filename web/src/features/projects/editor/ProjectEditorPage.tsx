import { App, Alert, Button, Empty, Flex, Form, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { LoadingOrError } from '../../../components/LoadingOrError';
import { Page } from '../../../components/Page';
import { Section } from '../../../components/Section';
import { showFieldErrors, errorMessage } from '../../../lib/serverErrors';
import { formatYuan } from '../../../lib/units';
import { useLeaveGuard } from '../../../lib/useLeaveGuard';
import {
  apportion,
  createProject,
  mergeShares,
  type ProjectDetail,
  type ProjectType,
  saveBasic,
  saveItems,
  savePlan,
  useProject,
  useProjectSummary,
  useRefreshProject,
} from '../api';
import { DocumentsPanel } from '../DocumentsPanel';
import { TYPE_LABELS } from '../labels';
import { BasicInfoForm, type BasicValues, basicBodyOf, basicValuesOf } from './BasicInfoForm';
import { draftProblem, type ItemDraft, itemDrafts, itemsBody, type PhaseDraft, phaseDrafts, planBody, sumFen, typedBody } from './drafts';
import { FacilityPickerModal } from './FacilityPickerModal';
import { ItemsTable } from './ItemsTable';
import { MergedListTable } from './MergedListTable';
import { PlanEditor } from './PlanEditor';
import { RangePanel, type TypedShares } from './RangePanel';

const NO_TYPED: TypedShares = new Map();
const isType = (t: string | undefined): t is ProjectType => t === 'general' || t === 'emergency' || t === 'simple';

/** 新建一般 / 紧急 / 简单拨付维修项目 (F-40): the first 保存 creates the project and opens its editor. */
export function NewProjectPage() {
  const { type } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<BasicValues>();
  const [busy, setBusy] = useState(false);
  if (!isType(type)) return <Empty description="没有这种维修项目类型" />;
  const save = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    try {
      const p = await createProject({ type, ...basicBodyOf(values) });
      message.success(`项目已保存，项目编号 ${p.no}；请选择维修设施设备`);
      navigate(`/repair/projects/${p.id}/edit?tab=items`, { replace: true });
    } catch (err) {
      if (showFieldErrors(form, err) === 0) message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page
      title={`新建${TYPE_LABELS[type]}`}
      extra={
        <Button type="primary" loading={busy} onClick={save}>
          保存
        </Button>
      }
    >
      <Tabs
        items={[
          { key: 'basic', label: '项目基本信息', children: <BasicInfoForm form={form} type={type} editable /> },
          { key: 'items', label: '维修设施设备及分摊', disabled: true },
          { key: 'merged', label: '合并分摊清册', disabled: true },
        ]}
      />
      <Typography.Text type="secondary">
        保存项目基本信息后，再选择维修设施设备、确认分摊范围与金额{type === 'simple' ? '' : '、填写拨付计划'}。
      </Typography.Text>
    </Page>
  );
}

/** The editor of a saved project: its detail loaded once, then held in the page until 保存. */
export function ProjectEditorPage() {
  const id = Number(useParams().id);
  const project = useProject(id);
  const summary = useProjectSummary(id);
  if (!project.data || !summary.data) return <LoadingOrError query={project.data ? summary : project} />;
  const edit = summary.data.actions.find((a) => a.action === 'edit');
  return <Editor detail={project.data} editable={edit?.allowed ?? false} frozenReason={edit?.blockedBy?.message} />;
}

function Editor({ detail, editable, frozenReason }: { detail: ProjectDetail; editable: boolean; frozenReason?: string }) {
  const { message } = App.useApp();
  const refresh = useRefreshProject();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'basic';
  const [form] = Form.useForm<BasicValues>();
  const [items, setItems] = useState<ItemDraft[]>(() => itemDrafts(detail));
  const [phases, setPhases] = useState<PhaseDraft[]>(() => phaseDrafts(detail));
  const [selected, setSelected] = useState<string | undefined>(items[0]?.key);
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [typedShares, setTypedShares] = useState<ReadonlyMap<number, TypedShares>>(new Map());
  const hasPlan = detail.type !== 'simple';
  const budgetTotal = sumFen(items.map((i) => i.budget));

  // Leaving with changes not yet saved asks first: the basic info, the items, the plan or typed shares.
  useLeaveGuard(() => {
    if (!editable) return false;
    const typedBasic: Partial<BasicValues> = form.getFieldsValue(true);
    // The basic form holds nothing until its tab has been shown: then it cannot have changed. Text is
    // compared trimmed, as the server keeps it.
    const basicOf = (v: BasicValues) => {
      const b = basicBodyOf(v);
      return { ...b, name: (b.name ?? '').trim(), description: b.description.trim() };
    };
    const basic = 'name' in typedBasic ? basicOf(typedBasic as BasicValues) : basicOf(basicValuesOf(detail));
    const saved = { basic: basicOf(basicValuesOf(detail)), items: itemsBody(itemDrafts(detail)), plan: planBody(phaseDrafts(detail)) };
    const now = { basic, items: itemsBody(items), plan: planBody(phases) };
    return JSON.stringify(saved) !== JSON.stringify(now) || [...typedShares.values()].some((t) => t.size > 0);
  });

  const adopt = (d: ProjectDetail) => {
    const next = itemDrafts(d);
    setItems(next);
    setPhases(phaseDrafts(d));
    // A new item's key changes once it has an id: keep the same facility selected.
    const was = items.find((i) => i.key === selected);
    setSelected(next.find((i) => i.facilityId === was?.facilityId)?.key ?? next[0]?.key);
  };

  /** 保存 (manual 第一步 六): basic info, items and plan, in that order; the page then shows what the server kept. */
  const saveAll = async (): Promise<ProjectDetail | null> => {
    const values = await form.validateFields().catch(() => null);
    if (!values) {
      setParams({ tab: 'basic' }, { replace: true });
      return null;
    }
    const problem = draftProblem(items, hasPlan ? phases : null);
    if (problem) {
      message.error(problem);
      return null;
    }
    await saveBasic(detail.id, basicBodyOf(values));
    let d = await saveItems(detail.id, itemsBody(items));
    if (hasPlan) d = await savePlan(detail.id, planBody(phases));
    return d;
  };

  const run = async (action: () => Promise<ProjectDetail | null>, done: string) => {
    setBusy(true);
    try {
      const d = await action();
      if (d) {
        adopt(d);
        message.success(done);
        await refresh();
      }
    } catch (err) {
      if (showFieldErrors(form, err) === 0) message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const patchItem = (key: string, patch: Partial<ItemDraft>) =>
    setItems((prev) => prev.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  const current = items.find((i) => i.key === selected);
  // Range edits change the counts and share totals on the server: those come from the live detail.
  const live = new Map(detail.items.map((i) => [i.id, i]));
  const withLiveRanges = items.map((i) => {
    const l = i.id === undefined ? undefined : live.get(i.id);
    return l ? { ...i, houseCount: l.houseCount, shareTotal: l.shareTotal } : i;
  });

  const itemsTab = (
    <Flex vertical gap={16}>
      {editable && (
        <Space wrap>
          <Button type="primary" onClick={() => setPicking(true)}>
            选择
          </Button>
          <Button
            loading={busy}
            disabled={items.length === 0}
            onClick={() =>
              run(async () => ((await saveAll()) ? apportion(detail.id) : null), '预算分摊完成：各分摊户的分摊金额已按建筑面积计算')
            }
          >
            预算分摊
          </Button>
          <Button
            loading={busy}
            disabled={items.length === 0}
            onClick={() =>
              run(async () => {
                // The shares typed into the lists go with the merge, saved first in the same step.
                const sent = typedBody(typedShares);
                if (sent === null) {
                  message.error('分摊金额须为非负金额，最多 2 位小数：请改正标红的分摊金额');
                  return null;
                }
                if (!(await saveAll())) return null;
                const d = await mergeShares(detail.id, sent);
                setTypedShares(new Map());
                return d;
              }, '分摊合并完成：各项预算金额已按分摊金额合计')
            }
          >
            分摊合并
          </Button>
          <Typography.Text type="secondary">
            方式一：填写预算金额后点“预算分摊”；方式二：在房屋分摊列表中逐户填写或导入分摊金额后点“分摊合并”。
          </Typography.Text>
        </Space>
      )}
      <ItemsTable
        items={withLiveRanges}
        editable={editable}
        selectedKey={selected}
        onSelect={setSelected}
        onChange={patchItem}
        onRemove={(key) => setItems((prev) => prev.filter((i) => i.key !== key))}
      />
      <Typography.Text strong data-testid="budget-total">
        预算总额：{formatYuan(budgetTotal)} 元
      </Typography.Text>
      {current?.id !== undefined ? (
        <Section title="分摊范围">
          <RangePanel
            key={current.id}
            projectId={detail.id}
            areaId={detail.areaId}
            itemId={current.id}
            facilityName={current.facilityName}
            buildingId={current.buildingId}
            editable={editable}
            typed={typedShares.get(current.id) ?? NO_TYPED}
            onTyped={(next) => setTypedShares((prev) => new Map(prev).set(current.id as number, next))}
          />
        </Section>
      ) : (
        current && <Alert type="info" showIcon title={`“${current.facilityName}”保存后，按其安装位置生成默认分摊范围`} />
      )}
      {picking && (
        <FacilityPickerModal
          areaId={detail.areaId}
          taken={new Set(items.map((i) => i.facilityId))}
          onCancel={() => setPicking(false)}
          onOk={(picked) => {
            setPicking(false);
            setItems((prev) => [
              ...prev,
              ...picked.map((f) => ({
                key: `new-${f.id}`,
                facilityId: f.id,
                facilityName: f.name,
                facilityType: f.type,
                locationLabel: f.locationLabel,
                buildingId: f.buildingId,
                content: '',
                contractor: '',
                remark: '',
                budget: '',
              })),
            ]);
            setSelected((s) => s ?? `new-${picked[0]?.id}`);
          }}
        />
      )}
    </Flex>
  );

  const basicTab = (
    <Flex vertical gap={16}>
      <BasicInfoForm
        form={form}
        initial={basicValuesOf(detail)}
        type={detail.type}
        no={detail.no}
        areaName={detail.areaName}
        editable={editable}
      />
      <Section title={detail.type === 'emergency' ? '紧急情况证明' : '附件'}>
        <DocumentsPanel
          projectId={detail.id}
          kind={detail.type === 'emergency' ? '紧急情况证明' : '项目附件'}
          canUpload={editable}
          canRemove={editable}
        />
      </Section>
      {hasPlan && (
        <Section title="拨付计划">
          <PlanEditor phases={phases} budgetTotal={budgetTotal} editable={editable} onChange={setPhases} />
        </Section>
      )}
    </Flex>
  );

  return (
    <Page
      title={`${editable ? '编辑' : '查看'}${detail.typeLabel}：${detail.no}`}
      extra={
        <Space>
          <Link to={`/repair/projects/${detail.id}`}>项目概况</Link>
          <Link to="/repair/projects">返回维修项目列表</Link>
          {editable && (
            <Button type="primary" loading={busy} onClick={() => run(saveAll, '项目信息已保存')}>
              保存
            </Button>
          )}
        </Space>
      }
    >
      {!editable && frozenReason && (
        <Alert type="info" showIcon title={`项目内容不能再修改：${frozenReason}`} style={{ marginBottom: 16 }} />
      )}
      {detail.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="尚未满足的金额规则（提交立项申请时必须满足）"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {detail.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          }
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          { key: 'basic', label: '项目基本信息', children: basicTab, forceRender: true },
          { key: 'items', label: '维修设施设备及分摊', children: itemsTab },
          { key: 'merged', label: '合并分摊清册', children: <MergedListTable projectId={detail.id} /> },
        ]}
      />
    </Page>
  );
}
