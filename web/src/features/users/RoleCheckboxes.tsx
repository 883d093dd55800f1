import { Checkbox, Flex, Typography } from 'antd';
import type { OrgRole } from '../../api/types';

interface RoleCheckboxesProps {
  roles: OrgRole[];
  value?: string[];
  onChange?: (value: string[]) => void;
}

/** The roles an organisation can grant, each with what it allows (manual §1.2.2 第 3 步: 选择角色). */
export function RoleCheckboxes({ roles, value, onChange }: RoleCheckboxesProps) {
  return (
    <Checkbox.Group value={value} onChange={(v) => onChange?.(v.map(String))} style={{ width: '100%' }}>
      <Flex vertical gap={8}>
        {roles.map((r) => (
          <Checkbox key={r.key} value={r.key}>
            {r.label}
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
              {r.description}
            </Typography.Text>
          </Checkbox>
        ))}
      </Flex>
    </Checkbox.Group>
  );
}
