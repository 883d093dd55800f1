import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router';
import { LoadingOrError } from '../../components/LoadingOrError';
import { useTodos } from './api';

/** 待办事项 of a committee, a developer or the custodian bank: each count opens the list that shows it. */
export function TodoCounts() {
  const todos = useTodos();
  if (!todos.data) return <LoadingOrError query={todos} />;
  if (todos.data.items.length === 0) return null;
  return (
    <Card type="inner" title="待办事项">
      <Row gutter={[16, 16]}>
        {todos.data.items.map((t) => {
          const value = t.capped ? `${t.count}+` : t.count;
          const card = (
            <Card hoverable={Boolean(t.link)} size="small" style={t.count === 0 ? { opacity: 0.6 } : undefined}>
              <Statistic title={t.label} value={value} suffix="件" />
              <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12, marginTop: 4 }}>{t.hint}</div>
            </Card>
          );
          return (
            <Col key={t.key} xs={24} sm={12} lg={6} data-testid={`todo-${t.key}`}>
              {t.link ? (
                <Link to={t.link} aria-label={`${t.label}：${value} 件`} style={{ display: 'block' }}>
                  {card}
                </Link>
              ) : (
                card
              )}
            </Col>
          );
        })}
      </Row>
    </Card>
  );
}
