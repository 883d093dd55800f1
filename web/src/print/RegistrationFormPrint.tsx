import { FullPageSpin } from '../app/guards';
import { LoadingOrError } from '../components/LoadingOrError';
import { useOwnOrg } from '../features/org/api';
import { PAPER_DOCUMENTS_REMINDER } from '../features/registration/reminders';
import { formatDate, formatDateTime } from '../lib/dates';
import { PrintLayout } from './PrintLayout';

/**
 * 机构注册登记表: handed in at the fund office's window with the paper copies of the documents
 * (manual §1.1 第六步); the clerk ticks each original seen and signs.
 */
export function RegistrationFormPrint() {
  const org = useOwnOrg();
  if (org.isPending) return <FullPageSpin />;
  if (!org.data) return <LoadingOrError query={org} />;
  const o = org.data;
  return (
    <PrintLayout
      title="机构注册登记表"
      number={o.registrationNo ?? undefined}
      signatures={['法定代表人（负责人）签字', '单位盖章', '受理人', '受理日期']}
      onePage
    >
      <h3>一、机构信息</h3>
      <table>
        <tbody>
          <tr>
            <th>机构名称</th>
            <td colSpan={3}>{o.name}</td>
          </tr>
          <tr>
            <th>机构代码</th>
            <td>{o.code}</td>
            <th>机构类型</th>
            <td>{o.typeLabel}</td>
          </tr>
          {o.area && (
            <tr>
              <th>物业区域</th>
              <td colSpan={3}>{o.area.name}</td>
            </tr>
          )}
          <tr>
            <th>法定代表人（负责人）</th>
            <td>{o.legalRepresentative}</td>
            <th>联系人</th>
            <td>{o.contactPerson}</td>
          </tr>
          <tr>
            <th>联系电话</th>
            <td>{o.phone}</td>
            <th>注册时间</th>
            <td>{formatDateTime(o.createdAt)}</td>
          </tr>
          <tr>
            <th>地址</th>
            <td colSpan={3}>{o.address}</td>
          </tr>
        </tbody>
      </table>

      <h3>二、注册要件</h3>
      <table>
        <thead>
          <tr>
            <th style={{ width: '8%' }}>序号</th>
            <th style={{ width: '32%' }}>要件名称</th>
            <th>上传文件</th>
            <th style={{ width: '20%' }}>原件核验</th>
          </tr>
        </thead>
        <tbody>
          {o.documents.map((d, i) => (
            <tr key={d.id}>
              <td>{i + 1}</td>
              <td>{d.label}</td>
              <td>{d.fileName}</td>
              <td>
                <span className="print-checkbox">{o.documentsVerifiedAt ? '✓' : ''}</span>
                {o.documentsVerifiedAt ? `已核验 ${formatDate(o.documentsVerifiedAt)}` : '已核验'}
              </td>
            </tr>
          ))}
          {o.documents.length === 0 && (
            <tr>
              <td colSpan={4}>未上传要件</td>
            </tr>
          )}
        </tbody>
      </table>
      <p>说明：{PAPER_DOCUMENTS_REMINDER}</p>
    </PrintLayout>
  );
}
