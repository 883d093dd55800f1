import { AutoComplete, Col, Flex, Form, Input, Row, Select } from 'antd';
import type { ApplicationDetail } from '../../../api/types';
import { Section } from '../../../components/Section';
import { DEPOSIT_TIMINGS, DISTRICTS, options } from '../../registry/enums';
import { ApplicationRoute } from '../ApplicationRoute';
import { ApplicationShell } from '../ApplicationShell';
import type { AreaCollectionForm } from '../forms';
import { ImportPanel } from '../ImportPanel';
import { BuildingsEditor } from '../parts/BuildingsEditor';
import { useApplicationEditor } from '../useApplicationEditor';
import { ItemHousesTable } from '../view/ItemHousesTable';
import { useImportRefresh } from './useImportRefresh';

const STEPS = ['录入物业区域基本信息', '导入房屋信息'];
const required = (label: string) => [{ required: true, whitespace: true, message: `请填写${label}` }];

/** F-11 物业区域采集 (manual §1.3.1). */
export function AreaCollectionPage() {
  return <ApplicationRoute type="area_collection" render={(app) => <AreaCollectionEditor app={app} />} />;
}

function AreaCollectionEditor({ app }: { app: ApplicationDetail | undefined }) {
  const [form] = Form.useForm<AreaCollectionForm>();
  const refresh = useImportRefresh();
  const editor = useApplicationEditor({
    type: 'area_collection',
    app,
    form,
    collect: async () => ({ form: await form.validateFields() }),
  });
  const saved = editor.app;
  const houses = saved?.itemCounts.house ?? 0;
  const initial: AreaCollectionForm = (app?.form as AreaCollectionForm | undefined) ?? {
    area: { name: '', district: '', street: '', address: '', depositTiming: '商品房预售前', remark: '' },
    buildings: [],
  };

  return (
    <ApplicationShell editor={editor} steps={STEPS} editing={!saved ? 0 : houses === 0 ? 1 : 2}>
      <Form<AreaCollectionForm> form={form} layout="vertical" initialValues={initial}>
        <Flex vertical gap={16}>
          <Section title="第一步：录入物业区域基本信息">
            <Row gutter={24}>
              <Col xs={24} md={12}>
                <Form.Item name={['area', 'name']} label="物业区域名称" rules={required('物业区域名称')}>
                  <Input maxLength={60} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name={['area', 'district']} label="区县" rules={required('区县')}>
                  <AutoComplete options={options(DISTRICTS)} maxLength={20} aria-label="区县" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name={['area', 'street']} label="街道">
                  <Input maxLength={40} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name={['area', 'depositTiming']} label="交存时点" rules={[{ required: true, message: '请选择交存时点' }]}>
                  <Select options={options(DEPOSIT_TIMINGS)} aria-label="交存时点" />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name={['area', 'address']} label="物业区域地址" rules={required('物业区域地址')}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name={['area', 'remark']} label="备注">
                  <Input.TextArea rows={2} maxLength={500} showCount />
                </Form.Item>
              </Col>
            </Row>
          </Section>
          <Section title={`第二步：导入房屋信息${saved ? `（已导入 ${houses} 套）` : ''}`}>
            <Flex vertical gap={16}>
              <ImportPanel
                target="houses"
                template
                prepare={async () => (await editor.save(true))?.id}
                onImported={async (_result, id) => {
                  const detail = await refresh(id);
                  form.setFieldValue('buildings', (detail.form as AreaCollectionForm).buildings);
                }}
              />
              {saved && <ItemHousesTable appId={saved.id} />}
            </Flex>
          </Section>
          <Section title="楼幢信息">
            <BuildingsEditor emptyText="导入房屋后，系统按房屋的楼幢名称生成楼幢，请在此核对并补充楼幢信息" />
          </Section>
        </Flex>
      </Form>
    </ApplicationShell>
  );
}
