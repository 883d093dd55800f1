import { App, Form } from 'antd';
import type { AreaRow } from '../../../api/types';
import { AreaSelect } from '../../registry/AreaSelect';

interface GuardedProps {
  value?: number;
  onChange?: (id: number) => void;
  disabled: boolean;
  hasPicks: boolean;
  onAreaChange?: (area: AreaRow | undefined) => void;
  onPicksCleared: () => void;
}

function GuardedAreaSelect({ value, onChange, disabled, hasPicks, onAreaChange, onPicksCleared }: GuardedProps) {
  const { modal } = App.useApp();
  const choose = async (id: number, area: AreaRow | undefined) => {
    if (id === value) return;
    if (hasPicks) {
      const ok = await modal.confirm({
        title: '更换物业区域？',
        content: '已选择的房屋或楼幢属于原物业区域，更换后将被清空。',
        okText: '更换',
        cancelText: '取消',
      });
      if (!ok) return;
      onPicksCleared();
    }
    onChange?.(id);
    onAreaChange?.(area);
  };
  return <AreaSelect aria-label="物业区域" value={value} onChange={choose} disabled={disabled} style={{ maxWidth: 420 }} />;
}

interface AreaFieldProps {
  /** Fixed once the draft exists: an application belongs to one area. */
  locked: boolean;
  hasPicks?: boolean;
  onPicksCleared?: () => void;
  onAreaChange?: (area: AreaRow | undefined) => void;
}

/** 选择物业区域: the first step of every application on an existing area. */
export function AreaField({ locked, hasPicks = false, onPicksCleared = () => {}, onAreaChange }: AreaFieldProps) {
  return (
    <Form.Item
      name="areaId"
      label="物业区域"
      rules={[{ required: true, message: '请选择物业区域' }]}
      extra={locked ? '业务单保存后不能更换物业区域' : undefined}
    >
      <GuardedAreaSelect disabled={locked} hasPicks={hasPicks} onPicksCleared={onPicksCleared} onAreaChange={onAreaChange} />
    </Form.Item>
  );
}
