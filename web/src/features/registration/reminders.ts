/** Manual §1.1 第六步: the paper copies follow with the first business application. */
export const PAPER_DOCUMENTS_REMINDER =
  '在提交首单业务纸质材料时，一并提交注册时需上传要件的纸质材料（要求：复印件要求用A4纸复印、加盖单位公章）。';
