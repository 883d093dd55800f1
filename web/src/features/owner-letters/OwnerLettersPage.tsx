import { PrinterOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Segmented, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useCurrentSession } from '../../app/session';
import { Page } from '../../components/Page';
import { errorMessage } from '../../lib/serverErrors';
import { useAreaOptions, useBuildings } from '../registry/api';
import { AreaSelect } from '../registry/AreaSelect';
import { issueOwnerLetters, type LettersPrintState, useRooms } from './api';

type Scope = 'building' | 'house';

/**
 * 业主告知书 (F-80): the office's window or the area's committee picks a building (or one house of
 * it) and issues letters — a one-time binding code per house with recorded owners — then prints
 * them, one sealed letter per sheet. The codes are shown on the print view only, this once.
 */
export function OwnerLettersPage() {
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const session = useCurrentSession();
  const areas = useAreaOptions();
  const [areaId, setAreaId] = useState<number>();
  const [buildingId, setBuildingId] = useState<number>();
  const [houseId, setHouseId] = useState<number>();
  const [scope, setScope] = useState<Scope>('building');
  const buildings = useBuildings(areaId);
  const rooms = useRooms(scope === 'house' ? buildingId : undefined);
  const onlyArea = session.org.type === 'committee' ? areas.data?.items[0] : undefined;
  useEffect(() => {
    if (onlyArea && !areaId) setAreaId(onlyArea.id);
  }, [onlyArea, areaId]);

  const areaName = areas.data?.items.find((a) => a.id === areaId)?.name ?? '';
  const building = buildings.data?.items.find((b) => b.id === buildingId);
  const room = rooms.data?.items.find((r) => r.id === houseId);
  const scopeText = `${areaName} ${building?.name ?? ''}${scope === 'house' && room ? ` ${room.unit}${room.room}` : ''}`;

  const issue = useMutation({
    mutationFn: () => issueOwnerLetters(scope === 'house' ? { houseId } : { buildingId }),
    onSuccess: (batch) => {
      const state: LettersPrintState = { batch, scope: scopeText };
      navigate('/print/owner-letters', { state });
    },
  });
  const ready = scope === 'house' ? houseId !== undefined : buildingId !== undefined;
  const confirm = () =>
    modal.confirm({
      title: `为${scopeText}出具业主告知书？`,
      content: '每套登记了业主的房屋生成一个新的绑定码；这些房屋此前未使用的绑定码同时作废。绑定码只在打印页显示这一次。',
      okText: '出具并打印',
      cancelText: '取消',
      onOk: () => issue.mutateAsync(),
    });

  return (
    <Page title="业主告知书">
      <Typography.Paragraph type="secondary">
        业主凭告知书上的绑定码在门户网站“业主服务”绑定身份后，可查看房屋的维修资金、维修项目与公示，并接收消息。
      </Typography.Paragraph>
      <Form layout="vertical" style={{ maxWidth: 480 }}>
        <Form.Item label="物业区域" required>
          <AreaSelect
            aria-label="物业区域"
            value={areaId}
            disabled={session.org.type === 'committee'}
            onChange={(id) => {
              setAreaId(id);
              setBuildingId(undefined);
              setHouseId(undefined);
            }}
          />
        </Form.Item>
        <Form.Item label="楼幢" required>
          <Select<number>
            aria-label="楼幢"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={areaId ? '请选择楼幢' : '请先选择物业区域'}
            disabled={!areaId}
            value={buildingId}
            loading={buildings.isFetching}
            onChange={(id) => {
              setBuildingId(id);
              setHouseId(undefined);
            }}
            options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
          />
        </Form.Item>
        <Form.Item label="出具范围">
          <Segmented<Scope>
            options={[
              { label: '整幢楼', value: 'building' },
              { label: '单套房屋', value: 'house' },
            ]}
            value={scope}
            onChange={setScope}
          />
        </Form.Item>
        {scope === 'house' && (
          <Form.Item label="房号" required>
            <Select<number>
              aria-label="房号"
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={buildingId ? '请选择房号' : '请先选择楼幢'}
              disabled={!buildingId}
              value={houseId}
              onChange={setHouseId}
              options={(rooms.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.unit} ${r.floor}层 ${r.room}` }))}
            />
          </Form.Item>
        )}
        {issue.isError && <Alert type="error" showIcon role="alert" title={errorMessage(issue.error)} style={{ marginBottom: 16 }} />}
        <Flex gap={8}>
          <Button type="primary" icon={<PrinterOutlined />} disabled={!ready} loading={issue.isPending} onClick={confirm}>
            出具业主告知书
          </Button>
        </Flex>
      </Form>
    </Page>
  );
}
