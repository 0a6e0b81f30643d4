import { AutoComplete, Checkbox, Col, DatePicker, Divider, Form, type FormInstance, Input, Radio, Row, Select } from "antd";
import { useTranslation } from "react-i18next";
import { wallNow } from "../time";
import type { CardFormValues } from "./cardForm";
import { useFailureToast } from "../api/errors";
import { useStylists } from "../api/shared";

const TEXT = (max: number) => ({ max });

/**
 * The profile card's fields in the manuals' groups: identity, care record
 * (the new-customer card), preferences. Used to create and to edit.
 */
export function CustomerForm({
  form,
  initial,
  onFinish,
  phoneLocked = false,
}: {
  form: FormInstance<CardFormValues>;
  initial: CardFormValues;
  onFinish: (v: CardFormValues) => void;
  phoneLocked?: boolean;
}) {
  const { t } = useTranslation();
  const stylists = useStylists(useFailureToast());
  const label = (f: string) => t(`cardFields.${f}`);
  const opts = (group: string, values: readonly string[]) =>
    values.map((v) => ({ value: v, label: t(`options.${group}.${v}`) }));
  const rule = (f: string, max: number) => [
    { ...TEXT(max), message: t("invalid.too_long", { field: label(f), limit: max }) },
  ];
  const required = (f: string) => ({
    required: true,
    whitespace: true,
    message: t("invalid.required", { field: label(f) }),
  });

  return (
    <Form<CardFormValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={onFinish}
      requiredMark={false}
      name="customer_card"
      size="middle"
    >
      <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
        {t("card.identity")}
      </Divider>
      <Row gutter={16}>
        <Col span={6}>
          <Form.Item name="name" label={label("name")} rules={[required("name"), ...rule("name", 30)]}>
            <Input autoFocus data-testid="card-name" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="phone" label={label("phone")} rules={[required("phone")]}>
            <Input inputMode="tel" placeholder="138 1234 5678" disabled={phoneLocked} data-testid="card-phone" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="gender" label={label("gender")}>
            <Radio.Group options={opts("gender", ["female", "male", "unknown"])} optionType="button" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="salutation" label={label("salutation")} rules={rule("salutation", 10)}>
            <Input placeholder="李姐" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="birthday" label={label("birthday")}>
            <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.isAfter(wallNow(), "day")} data-testid="card-birthday" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="card_no" label={label("card_no")}>
            <Input data-testid="card-card-no" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="source" label={label("source")}>
            <Select options={opts("source", ["walk_in", "referral", "online", "flyer", "other"])} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="referrer" label={label("referrer")} rules={rule("referrer", 30)}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="class" label={label("class")}>
            <Select allowClear options={opts("class", ["A", "B", "C"])} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="first_visit" label={label("first_visit")}>
            <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.isAfter(wallNow(), "day")} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="tags" label={label("tags")}>
            <Select mode="tags" maxCount={10} tokenSeparators={[",", "，", " "]} open={false} />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start" plain>
        {t("card.care")}
      </Divider>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="allergies" label={label("allergies")} rules={rule("allergies", 300)}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} placeholder="果酸、酒精…" data-testid="card-allergies" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="contraindications" label={label("contraindications")} rules={rule("contraindications", 300)}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} data-testid="card-contraindications" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="skin_type" label={label("skin_type")} rules={rule("skin_type", 30)}>
            <AutoComplete
              allowClear
              options={["干性", "油性", "中性", "混合性", "敏感性"].map((v) => ({ value: v }))}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="blood_type" label={label("blood_type")}>
            <Select allowClear options={opts("blood_type", ["A", "B", "AB", "O", "other"])} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="care_times" label={label("care_times")} rules={rule("care_times", 30)}>
            <Input placeholder="周六下午" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="treatments_elsewhere" label={label("treatments_elsewhere")} rules={rule("treatments_elsewhere", 300)}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="products_in_use" label={label("products_in_use")} rules={rule("products_in_use", 300)}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="workplace" label={label("workplace")} rules={rule("workplace", 60)}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="home_phone" label={label("home_phone")}>
            <Input disabled={phoneLocked} />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="address" label={label("address")} rules={rule("address", 120)}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="hobbies" label={label("hobbies")} rules={rule("hobbies", 120)}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="eating_habits" label={label("eating_habits")} rules={rule("eating_habits", 120)}>
            <Input />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start" plain>
        {t("card.preferences")}
      </Divider>
      <Row gutter={16}>
        <Col span={6}>
          <Form.Item name="preferred_stylist_id" label={label("preferred_stylist_id")}>
            <Select
              allowClear
              options={stylists.map((s) => ({ value: s.id, label: `${s.staff_no} ${s.name}` }))}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="drink" label={label("drink")}>
            <Select allowClear options={opts("drink", ["tea", "juice", "water", "coffee"])} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="contact_channel" label={label("contact_channel")}>
            <Select options={opts("contact_channel", ["phone", "sms", "wechat"])} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="do_not_contact" label={label("do_not_contact")} valuePropName="checked">
            <Checkbox />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="notes" label={label("notes")} rules={rule("notes", 1000)}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
