-- Demo data for local development. Every person here is fictional.

-- The brand is public.venue_settings' (its defaults: a fictional venue); the Thai address here.
-- The name stays the brand's own in both languages (venue_name_th null).
update public.venue_settings
set address_th = '88 ซอยสุขุมวิท 24 แขวงคลองตัน เขตคลองเตย กรุงเทพมหานคร 10110';

insert into public.bays (name, name_th, kind, capacity, sort_order) values
  ('Bay 1', 'เบย์ 1', 'social', 5, 1),
  ('Bay 2', 'เบย์ 2', 'social', 5, 2),
  ('Bay 3', 'เบย์ 3', 'social', 5, 3),
  ('AI Lab', 'ห้อง AI Lab', 'ai_lab', 2, 4);

-- Open 10:00-23:00 Bangkok time every day.
insert into public.opening_hours (weekday, opens, closes)
select d, time '10:00', time '23:00' from generate_series(1, 7) as d;

-- Whole baht per hour: off-peak until 17:00 on weekdays (13:00 at weekends), peak after.
insert into public.price_rules (bay_id, day_type, band, starts, ends, price_per_hour)
select b.id, r.day_type, r.band, r.starts, r.ends,
       r.price + case when b.kind = 'ai_lab' then 300 else 0 end
from public.bays b
cross join (values
  ('weekday', 'off_peak', time '10:00', time '17:00', 500),
  ('weekday', 'peak',     time '17:00', time '23:00', 700),
  ('weekend', 'off_peak', time '10:00', time '13:00', 600),
  ('weekend', 'peak',     time '13:00', time '23:00', 800)
) as r(day_type, band, starts, ends, price);

insert into public.customers (customer_code, name, email, phone) values
  ('CUS-0001', 'Nattaya Srisuwan', 'nattaya.demo@example.com', '+66810000001'),
  ('CUS-0002', 'Oliver Brandt', 'oliver.demo@example.com', '+66810000002'),
  ('CUS-0003', 'Kittipong Rattanakul', 'kittipong.demo@example.com', '+66810000003'),
  ('CUS-0004', 'Mei Lin Tan', 'meilin.demo@example.com', '+6591000004');

-- A few bookings from tomorrow (Bangkok) on, so the grid shows taken slots.
insert into public.bookings (reference, bay_id, starts_at, ends_at, duration_hours, number_of_people,
                             customer_id, customer_name, customer_email, customer_phone, notes)
select 'BK' || to_char(day, 'YYMMDD') || r.suffix,
       b.id,
       (day + r.start_time) at time zone 'Asia/Bangkok',
       (day + r.start_time + make_interval(hours => r.hours)) at time zone 'Asia/Bangkok',
       r.hours, r.people, c.id, c.name, c.email, c.phone, r.notes
from (select (now() at time zone 'Asia/Bangkok')::date + 1 as day) d
cross join (values
  ('Bay 1', 'CUS-0001', time '18:00', 2, 4, 'DEMO1', 'Birthday group'),
  ('Bay 2', 'CUS-0002', time '12:00', 1, 2, 'DEMO2', null),
  ('AI Lab', 'CUS-0003', time '15:00', 2, 1, 'DEMO3', 'Swing analysis session'),
  ('Bay 3', 'CUS-0004', time '20:00', 3, 5, 'DEMO4', null)
) as r(bay, customer, start_time, hours, people, suffix, notes)
join public.bays b on b.name = r.bay
join public.customers c on c.customer_code = r.customer;

-- Each bay's staff calendar (placeholders until real Google calendars are configured).
update public.bays set calendar_id = lower(replace(name, ' ', '-')) || '@calendar.example.com';

-- Hour packages of the demo customers.
insert into public.packages (customer_id, package_name, package_name_th, purchase_date, expiry_date, total_hours, used_hours)
select c.id, p.name, p.name_th, (now() at time zone 'Asia/Bangkok')::date - p.bought_days_ago,
       (now() at time zone 'Asia/Bangkok')::date - p.bought_days_ago + p.valid_days, p.total, p.used
from (values
  ('CUS-0001', 'Gold 10 Hours', 'แพ็กเกจโกลด์ 10 ชั่วโมง', 30, 180, 10.0, 3.0),
  ('CUS-0002', 'Starter 5 Hours', 'แพ็กเกจเริ่มต้น 5 ชั่วโมง', 200, 90, 5.0, 2.0),
  ('CUS-0003', 'Coaching 8 Hours', 'แพ็กเกจเรียนกับโค้ช 8 ชั่วโมง', 10, 120, 8.0, 8.0)
) as p(customer, name, name_th, bought_days_ago, valid_days, total, used)
join public.customers c on c.customer_code = p.customer;

-- VIP sessions: the concierge, hotel and code of the spec's examples, so
-- `curl -X POST .../api/vip/sessions -d '{"vip_code":"MIAMI2024"}'` opens a real session.
insert into public.concierges (name, hotel_name) values ('John Doe', 'Luxury Resort Miami');
insert into public.vip_codes (code, concierge_id)
select 'MIAMI2024', c.id from public.concierges c where c.name = 'John Doe' and c.hotel_name = 'Luxury Resort Miami';

-- Lucky draw: a campaign running from yesterday for 90 days with the spec's prize mix
-- (208 prizes), and a demo LINE user (U00000000000000000000000000demo01) linked to CUS-0001
-- with three draws from three qualifying sales transactions.
-- Prize texts name the venue by its one name (venue_settings), as every other text does.
insert into public.lucky_draw_campaigns (name, name_th, starts_at, ends_at)
select vs.venue_name || ' Lucky Draw', 'ลุ้นโชค ' || coalesce(vs.venue_name_th, vs.venue_name),
       now() - interval '1 day', now() + interval '90 days'
from public.venue_settings vs;
insert into public.lucky_draw_prizes (campaign_id, name, name_th, description, description_th, initial_quantity, remaining)
select c.id, p.name, p.name_th,
       replace(p.description, '{venue}', vs.venue_name), replace(p.description_th, '{venue}', coalesce(vs.venue_name_th, vs.venue_name)),
       p.quantity, p.quantity
from public.lucky_draw_campaigns c
cross join public.venue_settings vs
cross join (values
  ('Golf Hat', 'หมวกกอล์ฟ', 'Premium {venue} branded golf hat', 'หมวกกอล์ฟพรีเมียมโลโก้ {venue}', 40),
  ('Golf Marker', 'มาร์กเกอร์ลูกกอล์ฟ', '{venue} ball marker', 'มาร์กเกอร์ลูกกอล์ฟ {venue}', 35),
  ('Golf Balls (3 pack)', 'ลูกกอล์ฟ (แพ็ก 3 ลูก)', 'Three premium golf balls', 'ลูกกอล์ฟพรีเมียม 3 ลูก', 50),
  ('Golf Towel', 'ผ้าเช็ดกอล์ฟ', '{venue} microfibre golf towel', 'ผ้าไมโครไฟเบอร์สำหรับกอล์ฟ {venue}', 30),
  ('Free Bay Hour', 'เล่นฟรี 1 ชั่วโมง', 'One free hour in any bay', 'เล่นฟรี 1 ชั่วโมงในเบย์ใดก็ได้', 25),
  ('Drink Voucher', 'คูปองเครื่องดื่ม', 'One soft drink at the bar', 'ซอฟต์ดริงก์ 1 แก้วที่บาร์', 28)
) as p(name, name_th, description, description_th, quantity)
where c.name = vs.venue_name || ' Lucky Draw';
-- A second one (U00000000000000000000000000demo02, CUS-0003, three draws) for the front-desk
-- story, so two people trying the wheel at once never spend each other's draws.
insert into public.profiles (provider, provider_account_id, display_name, customer_id)
select 'line', l.line_user_id, l.display_name, c.id
from (values ('U00000000000000000000000000demo01', 'Demo LINE Golfer', 'CUS-0001'),
             ('U00000000000000000000000000demo02', 'Second LINE Golfer', 'CUS-0003')) as l(line_user_id, display_name, customer_code)
join public.customers c on c.customer_code = l.customer_code;
select public.record_sales_transaction('DEMO-POS-' || c.customer_code || '-' || n, c.id, 750, null)
from public.customers c cross join generate_series(1, 3) n
where c.customer_code in ('CUS-0001', 'CUS-0003');
