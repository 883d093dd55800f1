import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Descriptions, Empty, Form, Input, Row } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { AreaChangeBody, AreaRow } from '../../api/types';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { Page } from '../../components/Page';
import { formatDateTime } from '../../lib/dates';
import { useFormMutation } from '../../lib/useFormMutation';
import { AREAS_KEY, changeArea, useAreaOptions } from './api';
import { AreaSelect } from './AreaSelect';

/**
 * F-12 物业区域变更 (manual §1.3.2): choose the area, change its address or remark, 保存 — effective
 * at once, no review. “只可变更物业区域地址和备注信息”.
 */
export function AreaChangePage() {
  const [params, setParams] = useSearchParams();
  const areaId = Number(params.get('areaId')) || undefined;
  const areas = useAreaOptions();
  const area = areas.data?.items.find((a) => a.id === areaId);
  return (
    <Page title="物业区域变更">
      <Form layout="vertical" style={{ maxWidth: 880 }}>
        <Form.Item label="物业区域" required>
          <AreaSelect
            aria-label="物业区域"
            value={areaId}
            onChange={(id) => setParams({ areaId: String(id) }, { replace: true })}
            style={{ maxWidth: 420 }}
          />
        </Form.Item>
      </Form>
      <Alert type="info" showIcon title="只可变更物业区域地址和备注信息，保存后立即生效。" style={{ marginBottom: 16, maxWidth: 880 }} />
      {area ? (
        <AreaChangeForm key={`${area.id}-${area.updatedAt}`} area={area} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="请选择需要变更的物业区域" />
      )}
    </Page>
  );
}

function AreaChangeForm({ area }: { area: AreaRow }) {
  const [form] = Form.useForm<AreaChangeBody>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [savedAt, setSavedAt] = useState<string>();
  const save = useFormMutation(form, (body: AreaChangeBody) => changeArea(area.id, body), {
    onSuccess: (updated) => {
      message.success('物业区域变更已保存，立即生效');
      setSavedAt(updated.updatedAt);
      queryClient.invalidateQueries({ queryKey: AREAS_KEY });
    },
  });
  return (
    <div style={{ maxWidth: 880 }}>
      <Descriptions
        bordered
        size="small"
        column={2}
        style={{ marginBottom: 20 }}
        items={[
          { key: 'name', label: '物业区域名称', children: area.name },
          { key: 'district', label: '区县', children: area.district },
          { key: 'street', label: '街道', children: area.street || '—' },
          { key: 'timing', label: '交存时点', children: area.depositTiming },
          { key: 'houses', label: '房屋数', children: `${area.houseCount} 套` },
          { key: 'updated', label: '最后变更时间', children: formatDateTime(savedAt ?? area.updatedAt) },
        ]}
      />
      <FormErrorAlert error={save.error} />
      <Form<AreaChangeBody>
        form={form}
        layout="vertical"
        initialValues={{ address: area.address, remark: area.remark }}
        onFinish={save.onFinish}
      >
        <Row gutter={24}>
          <Col span={24}>
            <Form.Item name="address" label="物业区域地址" rules={[{ required: true, whitespace: true, message: '请填写物业区域地址' }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="remark" label="备注">
              <Input.TextArea rows={3} maxLength={500} showCount />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存
        </Button>
      </Form>
    </div>
  );
}
