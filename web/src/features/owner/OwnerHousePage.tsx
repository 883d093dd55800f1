import { Card, Descriptions, Empty, Flex, List, Result, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { LoadingOrError } from '../../components/LoadingOrError';
import { formatDate, formatDateTime } from '../../lib/dates';
import { formatYuan } from '../../lib/units';
import { type OwnerProject, useOwnerHouse, useOwnerProjects, useOwnerStatement } from './api';
import { HouseFigures } from './HouseFigures';
import { OwnerShell } from './OwnerShell';

const STATEMENT_PAGE = 10;

/** One of the owner's houses (F-81): its money, the repair projects charging it, and its statement. */
export function OwnerHousePage() {
  const id = Number(useParams().id);
  return <OwnerShell title="房屋详情">{() => <OwnerHouse id={id} />}</OwnerShell>;
}

function OwnerHouse({ id }: { id: number }) {
  const valid = Number.isInteger(id) && id > 0;
  const house = useOwnerHouse(id, valid);
  if (!valid) return <Result status="404" title="未找到该房屋" extra={<Link to="/owner">返回我的房屋</Link>} />;
  if (!house.data) return <LoadingOrError query={house} />;
  const h = house.data;
  return (
    <Flex vertical gap={12}>
      <Card size="small" title={`${h.area} ${h.building}${h.unit}${h.room}`} data-testid="owner-house-detail">
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{h.address}</Typography.Text>
          <Typography.Text type="secondary">建筑面积 {h.buildingArea} ㎡</Typography.Text>
          <HouseFigures h={h} />
        </Flex>
      </Card>
      <HouseProjects id={id} />
      <HouseStatement id={id} />
    </Flex>
  );
}

const VOTE_CHANNELS = { paper: '纸质表决', online: '网上投票' } as const;
const VOTE_COLOURS: Record<string, string> = { agree: 'green', oppose: 'red', abstain: 'default' };

function HouseProjects({ id }: { id: number }) {
  const projects = useOwnerProjects(id, true);
  return (
    <Card size="small" title="维修项目">
      {projects.data ? (
        <List
          dataSource={projects.data.items}
          locale={{ emptyText: <Empty description="本房屋暂无维修项目" /> }}
          renderItem={(p) => <ProjectItem p={p} />}
        />
      ) : (
        <LoadingOrError query={projects} />
      )}
    </Card>
  );
}

function ProjectItem({ p }: { p: OwnerProject }) {
  return (
    <List.Item data-testid="owner-project">
      <Flex vertical gap={6} style={{ width: '100%', minWidth: 0 }}>
        <Flex justify="space-between" align="start" gap={8}>
          <Typography.Text strong>{p.name}</Typography.Text>
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            {p.stageLabel}
          </Tag>
        </Flex>
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'no', label: '项目编号', children: p.no },
            { key: 'type', label: '项目类型', children: p.typeLabel },
            { key: 'share', label: '本户分摊（元）', children: formatYuan(p.share) },
            { key: 'charged', label: '已从本户划转（元）', children: formatYuan(p.charged) },
            {
              key: 'vote',
              label: '本户表决',
              children: (
                <Tag color={p.vote.choice ? VOTE_COLOURS[p.vote.choice] : undefined}>
                  {p.vote.label}
                  {p.vote.channel ? `（${VOTE_CHANNELS[p.vote.channel]}）` : ''}
                </Tag>
              ),
            },
          ]}
        />
        {p.notices.length > 0 && (
          <Flex vertical gap={4}>
            <Typography.Text type="secondary">公示</Typography.Text>
            {p.notices.map((n) => (
              <Link key={n.no} to={n.link} data-testid="owner-project-notice">
                {n.title}（{n.kindLabel}，{formatDate(n.publishedAt)} 发布）
              </Link>
            ))}
          </Flex>
        )}
      </Flex>
    </List.Item>
  );
}

function HouseStatement({ id }: { id: number }) {
  const [page, setPage] = useState(1);
  const statement = useOwnerStatement(id, page, STATEMENT_PAGE, true);
  return (
    <Card size="small" title="分户账明细">
      {statement.data ? (
        <List
          dataSource={statement.data.items}
          locale={{ emptyText: <Empty description="暂无记账" /> }}
          pagination={
            statement.data.total > STATEMENT_PAGE
              ? {
                  current: page,
                  pageSize: STATEMENT_PAGE,
                  total: statement.data.total,
                  onChange: setPage,
                  size: 'small',
                  showSizeChanger: false,
                }
              : false
          }
          renderItem={(l) => (
            <List.Item data-testid="owner-statement-line">
              <div className="owner-line">
                <Typography.Text strong>{l.kindLabel}</Typography.Text>
                <Typography.Text className="owner-amount" type={l.amount < 0 ? 'danger' : 'success'}>
                  {l.amount > 0 ? '+' : ''}
                  {formatYuan(l.amount)}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(l.at)} {l.reference}
                </Typography.Text>
                <Typography.Text type="secondary" className="owner-amount" style={{ fontSize: 12 }}>
                  余额 {formatYuan(l.balance)}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      ) : (
        <LoadingOrError query={statement} />
      )}
    </Card>
  );
}
