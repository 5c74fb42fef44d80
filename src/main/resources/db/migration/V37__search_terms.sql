-- Search finds what people type (issue 29): the Belarusian names of an organisation's town and district beside the
-- Russian ones, Latin spellings of both ("borisov", "barysau" and "barysaw" all find Борисов), the words written with
-- ё also with е, and the town itself, so that a query naming a town ranks the organisations in it above those in a
-- district of the same name. Everything is derived in PostgreSQL when a row is written (COPY included). Only the
-- places are spelt in Latin letters, not every name and address: the matched vector stays about twice the ranked one,
-- which broad queries ("район", half the catalogue) scan.

-- The Belarusian name of each district's centre (the districts' own names came in V20).
ALTER TABLE district ADD COLUMN center_be VARCHAR(64);
UPDATE district AS d SET center_be = v.be FROM (VALUES
(1, 'Баранавічы'), (2, 'Бяроза'), (3, 'Брэст'), (4, 'Ганцавічы'), (5, 'Драгічын'), (6, 'Жабінка'), (7, 'Іванава'),
(8, 'Івацэвічы'), (9, 'Камянец'), (10, 'Кобрын'), (11, 'Лунінец'), (12, 'Ляхавічы'), (13, 'Маларыта'), (14, 'Пінск'),
(15, 'Пружаны'), (16, 'Столін'), (17, 'Бешанковічы'), (18, 'Браслаў'), (19, 'Верхнядзвінск'), (20, 'Віцебск'),
(21, 'Глыбокае'), (22, 'Гарадок'), (23, 'Докшыцы'), (24, 'Дуброўна'), (25, 'Лепель'), (26, 'Лёзна'), (27, 'Міёры'),
(28, 'Орша'), (29, 'Полацк'), (30, 'Пастаўы'), (31, 'Расоны'), (32, 'Сянно'), (33, 'Талачын'), (34, 'Ушачы'),
(35, 'Чашнікі'), (36, 'Шаркаўшчына'), (37, 'Шуміліна'), (38, 'Брагін'), (39, 'Буда-Кашалёва'), (40, 'Ветка'),
(41, 'Гомель'), (42, 'Добруш'), (43, 'Ельск'), (44, 'Жыткавічы'), (45, 'Жлобін'), (46, 'Калінкавічы'), (47, 'Карма'),
(48, 'Лельчыцы'), (49, 'Лоеў'), (50, 'Мазыр'), (51, 'Нароўля'), (52, 'Акцябрскі'), (53, 'Петрыкаў'), (54, 'Рэчыца'),
(55, 'Рагачоў'), (56, 'Светлагорск'), (57, 'Хойнікі'), (58, 'Чачэрск'), (59, 'Вялікая Бераставіца'),
(60, 'Ваўкавыск'), (61, 'Воранава'), (62, 'Гродна'), (63, 'Дзятлава'), (64, 'Зэльва'), (65, 'Іўе'), (66, 'Карэлічы'),
(67, 'Ліда'), (68, 'Масты'), (69, 'Навагрудак'), (70, 'Астравец'), (71, 'Ашмяны'), (72, 'Свіслач'), (73, 'Слонім'),
(74, 'Смаргонь'), (75, 'Шчучын'), (76, 'Беразіно'), (77, 'Барысаў'), (78, 'Вілейка'), (79, 'Валожын'),
(80, 'Дзяржынск'), (81, 'Клецк'), (82, 'Капыль'), (83, 'Крупкі'), (84, 'Лагойск'), (85, 'Любань'), (86, 'Заслаўе'),
(87, 'Маладзечна'), (88, 'Мядзел'), (89, 'Нясвіж'), (90, 'Мар''іна Горка'), (91, 'Слуцк'), (92, 'Смалявічы'),
(93, 'Салігорск'), (94, 'Старыя Дарогі'), (95, 'Стоўбцы'), (96, 'Узда'), (97, 'Чэрвень'), (98, 'Бялынічы'),
(99, 'Бабруйск'), (100, 'Быхаў'), (101, 'Глуск'), (102, 'Горкі'), (103, 'Дрыбін'), (104, 'Кіраўск'),
(105, 'Клімавічы'), (106, 'Клічаў'), (107, 'Касцюковічы'), (108, 'Краснаполле'), (109, 'Крычаў'), (110, 'Круглае'),
(111, 'Магілёў'), (112, 'Мсціслаў'), (113, 'Асіповічы'), (114, 'Слаўгарад'), (115, 'Хоцімск'), (116, 'Чавусы'),
(117, 'Чэрыкаў'), (118, 'Шклоў'), (119, 'Мінск'), (120, 'Мінск'), (121, 'Мінск'), (122, 'Мінск'), (123, 'Мінск'),
(124, 'Мінск'), (125, 'Мінск'), (126, 'Мінск'), (127, 'Мінск')
) AS v(id, be)
WHERE d.id = v.id;

-- Russian in Latin letters as a foreigner or a phone keyboard types it (BGN/PCGN without diacritics):
-- Борисов → borisov, Могилёв → mogilev, Жодино → zhodino.
CREATE FUNCTION latin_ru(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT translate(
    replace(replace(replace(replace(replace(replace(replace(replace(lower($1),
        'щ', 'shch'), 'ж', 'zh'), 'х', 'kh'), 'ц', 'ts'), 'ч', 'ch'), 'ш', 'sh'), 'ю', 'yu'), 'я', 'ya'),
    'абвгдеёзийклмнопрстуфыэъь', 'abvgdeeziyklmnoprstufye')
$$;

-- Belarusian in the official Latin alphabet (2007) with its diacritics dropped: Барысаў → barysau, Магілёў → mahiliou,
-- раён → rajon. е, ё, ю, я are ie, io, iu, ia after a consonant and je, jo, ju, ja elsewhere.
CREATE FUNCTION latin_be(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT translate(
    replace(replace(replace(replace(replace(replace(
    regexp_replace(regexp_replace(regexp_replace(regexp_replace(
    regexp_replace(regexp_replace(regexp_replace(regexp_replace(lower($1),
        '(?<=[бвгґдзжклмнпрстфхцчш])е', 'ie', 'g'), '(?<=[бвгґдзжклмнпрстфхцчш])ё', 'io', 'g'),
        '(?<=[бвгґдзжклмнпрстфхцчш])ю', 'iu', 'g'), '(?<=[бвгґдзжклмнпрстфхцчш])я', 'ia', 'g'),
        'е', 'je', 'g'), 'ё', 'jo', 'g'), 'ю', 'ju', 'g'), 'я', 'ja', 'g'),
        'дж', 'dz'), 'х', 'ch'), 'ч', 'c'), 'ш', 's'), 'ж', 'z'), 'ц', 'c'),
    'абвгґдзійклмнопрстуўфыэиьъ''’ʼ', 'abvhgdzijklmnoprstuufyei')
$$;

-- search_terms: what the organisation is also called, kept by a trigger because the district's names live in another
-- table. place_names: its town as a citizen may type it, compared whole with the typed words when ranking.
ALTER TABLE organization ADD COLUMN search_terms TEXT NOT NULL DEFAULT '';
ALTER TABLE organization ADD COLUMN place_names TEXT[] NOT NULL DEFAULT '{}';

-- The district's names go in without "район", "раён", "District": those words would match every organisation, and
-- a search for "район" would rank the whole catalogue.
CREATE FUNCTION organization_search_terms() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    d district%ROWTYPE;
    district_ru TEXT;
    district_be TEXT;
    russian TEXT;
BEGIN
    SELECT * INTO d FROM district WHERE id = NEW.district_id;
    district_ru := regexp_replace(d.name_ru, '\s*район$', '');
    district_be := regexp_replace(d.name_be, '\s*раён$', '');
    russian := concat_ws(' ', NEW.name, NEW.short_name, NEW.address, district_ru, d.center);
    NEW.search_terms := concat_ws(' ',
        NEW.name_be, district_ru, d.center, district_be, d.center_be, regexp_replace(d.name_en, '\s*District$', ''),
        -- The words written with ё, also with е as most people type them.
        (SELECT string_agg(translate(w, 'ёЁ', 'еЕ'), ' ') FROM regexp_split_to_table(russian, '[^[:alnum:]ёЁ]+') AS w
         WHERE w ~ '[ёЁ]'),
        latin_ru(concat_ws(' ', district_ru, d.center)),
        latin_be(concat_ws(' ', district_be, d.center_be)));
    NEW.place_names := ARRAY(SELECT DISTINCT p FROM unnest(ARRAY[lower(d.center), lower(translate(d.center, 'ёЁ', 'еЕ')),
        lower(d.center_be), latin_ru(d.center), latin_be(d.center_be)]) AS p WHERE p <> '');
    RETURN NEW;
END $$;

CREATE TRIGGER organization_search_terms BEFORE INSERT OR UPDATE OF name, name_be, short_name, address, district_id
    ON organization FOR EACH ROW EXECUTE FUNCTION organization_search_terms();

-- The vector searched: the ranked one (search_vector, V4) and the other names at the lowest weight. Ranking stays on
-- search_vector, so these extra words widen what is found without reordering what the Russian words find.
ALTER TABLE organization ADD COLUMN search_all TSVECTOR GENERATED ALWAYS AS (
    setweight(to_tsvector('russian', coalesce(short_name, '')), 'A') ||
    setweight(to_tsvector('russian', name), 'B') ||
    setweight(to_tsvector('russian', address), 'D') ||
    setweight(to_tsvector('russian', search_terms), 'D')) STORED;

-- The words of the other names join the dictionary typos are corrected against ("барысау" → "барысаў").
CREATE OR REPLACE FUNCTION organization_search_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_word (word)
    SELECT DISTINCT w
    FROM changed_rows o,
         regexp_split_to_table(lower(o.name || ' ' || coalesce(o.short_name, '') || ' ' || o.address || ' '
             || o.search_terms), '[^[:alnum:]]+') AS w
    WHERE length(w) BETWEEN 3 AND 64
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

-- Fills the new columns of the rows already there (the trigger runs on an update of name).
UPDATE organization SET name = name;

DROP INDEX organization_search;
CREATE INDEX organization_search_all ON organization USING GIN (search_all) WITH (fastupdate = off);
