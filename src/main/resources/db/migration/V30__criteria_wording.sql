-- The four base criteria in the wording of the portal's rules (the Ministry's list); "overall impression" stays ours.
UPDATE criterion SET
    name_ru = 'Простота и понятность процесса получения услуги или осуществления административной процедуры',
    name_be = 'Прастата і зразумеласць працэсу атрымання паслугі або ажыццяўлення адміністрацыйнай працэдуры',
    name_en = 'Simplicity and clarity of getting the service or carrying out the administrative procedure'
WHERE organization_id IS NULL AND code = 'SIMPLICITY';
UPDATE criterion SET
    name_ru = 'Доступность информации о порядке получения услуги или осуществления административной процедуры',
    name_be = 'Даступнасць інфармацыі пра парадак атрымання паслугі або ажыццяўлення адміністрацыйнай працэдуры',
    name_en = 'Availability of information on how to get the service or carry out the administrative procedure'
WHERE organization_id IS NULL AND code = 'INFORMATION';
UPDATE criterion SET
    name_ru = 'Соблюдение установленного срока предоставления услуги или осуществления административной процедуры',
    name_be = 'Выкананне ўстаноўленага тэрміну прадастаўлення паслугі або ажыццяўлення адміністрацыйнай працэдуры',
    name_en = 'Keeping the set term of the service or the administrative procedure'
WHERE organization_id IS NULL AND code = 'TIMELINESS';
UPDATE criterion SET
    name_ru = 'Вежливость и доброжелательность сотрудников',
    name_be = 'Ветлівасць і зычлівасць супрацоўнікаў',
    name_en = 'Politeness and goodwill of the staff'
WHERE organization_id IS NULL AND code = 'POLITENESS';
