import { Col, Flex, Form, Row, Select } from 'antd';
import type { ApplicationDetail } from '../../../api/types';
import { Section } from '../../../components/Section';
import { DEPOSIT_TIMINGS, type DepositTiming, options } from '../../registry/enums';
import { ApplicationRoute } from '../ApplicationRoute';
import { ApplicationShell } from '../ApplicationShell';
import type { BuildingInput, HouseSupplementForm } from '../forms';
import { ImportPanel } from '../ImportPanel';
import { AreaField } from '../parts/AreaField';
import { BuildingsEditor } from '../parts/BuildingsEditor';
import { useApplicationEditor } from '../useApplicationEditor';
import { ItemHousesTable } from '../view/ItemHousesTable';
import { useImportRefresh } from './useImportRefresh';

const STEPS = ['选择物业区域和交存时点', '导入补充的房屋'];

interface Values extends HouseSupplementForm {
  areaId?: number;
}

/** F-15 房屋补充 (manual §1.3.5): houses added to an existing area by template import. */
export function HouseSupplementPage() {
  return <ApplicationRoute type="house_supplement" render={(app) => <HouseSupplementEditor app={app} />} />;
}

function HouseSupplementEditor({ app }: { app: ApplicationDetail | undefined }) {
  const [form] = Form.useForm<Values>();
  const refresh = useImportRefresh();
  const buildings: BuildingInput[] = Form.useWatch('buildings', form) ?? [];
  const editor = useApplicationEditor({
    type: 'house_supplement',
    app,
    form,
    collect: async () => {
      const { areaId, depositTiming } = await form.validateFields();
      return { areaId, form: { depositTiming, buildings: form.getFieldValue('buildings') ?? [] } };
    },
  });
  const saved = editor.app;
  const houses = saved?.itemCounts.house ?? 0;
  const initial: Values = app
    ? { areaId: app.areaId ?? undefined, ...(app.form as HouseSupplementForm) }
    : { depositTiming: '商品房预售前', buildings: [] };

  return (
    <ApplicationShell editor={editor} steps={STEPS} editing={!saved ? 0 : houses === 0 ? 1 : 2}>
      <Form<Values> form={form} layout="vertical" initialValues={initial}>
        <Flex vertical gap={16}>
          <Section title="第一步：选择物业区域和交存时点">
            <Row gutter={24}>
              <Col xs={24} md={12}>
                <AreaField
                  locked={!!saved}
                  onAreaChange={(area) => area && form.setFieldValue('depositTiming', area.depositTiming as DepositTiming)}
                />
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="depositTiming" label="交存时点" rules={[{ required: true, message: '请选择交存时点' }]}>
                  <Select options={options(DEPOSIT_TIMINGS)} aria-label="交存时点" style={{ maxWidth: 320 }} />
                </Form.Item>
              </Col>
            </Row>
          </Section>
          <Section title={`第二步：导入补充的房屋${saved ? `（已导入 ${houses} 套）` : ''}`}>
            <Flex vertical gap={16}>
              <ImportPanel
                target="houses"
                template
                prepare={async () => (await editor.save(true))?.id}
                onImported={async (_result, id) => {
                  const detail = await refresh(id);
                  form.setFieldValue('buildings', (detail.form as HouseSupplementForm).buildings);
                }}
              />
              {saved && <ItemHousesTable appId={saved.id} />}
            </Flex>
          </Section>
          <div style={{ display: buildings.length > 0 ? undefined : 'none' }}>
            <Section title="新楼幢信息（导入的房屋中有本物业区域尚没有的楼幢，请补充楼幢信息）">
              <BuildingsEditor emptyText="无新楼幢" />
            </Section>
          </div>
        </Flex>
      </Form>
    </ApplicationShell>
  );
}
