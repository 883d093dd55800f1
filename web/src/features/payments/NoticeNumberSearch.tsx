import { SearchOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Typography } from 'antd';

/** 交款通知单号, typed or scanned from the notice's barcode, and 查询: the bank's and the office window's lookup. */
export function NoticeNumberSearch({
  id,
  value,
  onChange,
  onSearch,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  onSearch: (value: string) => void;
}) {
  return (
    <Flex gap={12} align="center" wrap>
      <Typography.Text strong>
        <label htmlFor={id}>交款通知单号</label>
      </Typography.Text>
      <Input.Search
        id={id}
        autoFocus
        allowClear
        placeholder="输入或扫描通知单条形码"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onSearch={onSearch}
        enterButton={
          <Button type="primary" icon={<SearchOutlined aria-hidden />}>
            查询
          </Button>
        }
        style={{ width: 420 }}
      />
    </Flex>
  );
}
