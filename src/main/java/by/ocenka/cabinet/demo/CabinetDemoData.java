package by.ocenka.cabinet.demo;

import java.util.List;

import by.ocenka.account.AccountService;
import by.ocenka.account.Role;
import by.ocenka.catalog.Organizations;
import by.ocenka.moderation.ChangeRequestRecords;
import by.ocenka.moderation.ChangeRequests;
import by.ocenka.platform.DemoDataSet;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Ready organisation staff for trying the cabinet (their addresses and passwords are in the README): a national body,
 * an oblast executive committee and one district committee, each an admin of its subtree, and a responder of the
 * district committee. Demo data: never loaded in production, where {@code ocenka.demo.load} is {@code never}.
 */
@Component
class CabinetDemoData implements DemoDataSet {

    /** One demo staff account. */
    record DemoStaff(String email, String password, String displayName, Role role, String organization) {
    }

    static final List<DemoStaff> STAFF = List.of(
            new DemoStaff("belpochta@demo.ocenka.by", "Belpochta-demo-2026", "Администратор «Белпочты»", Role.ORG_ADMIN,
                    "Республиканское унитарное предприятие почтовой связи «Белпочта»"),
            new DemoStaff("minoblispolkom@demo.ocenka.by", "Minoblispolkom-demo-2026", "Администратор Миноблисполкома",
                    Role.ORG_ADMIN, "Минский областной исполнительный комитет"),
            new DemoStaff("borisov@demo.ocenka.by", "Borisov-demo-2026", "Администратор Борисовского райисполкома",
                    Role.ORG_ADMIN, "Борисовский районный исполнительный комитет"),
            new DemoStaff("borisov-replies@demo.ocenka.by", "Borisov-replies-2026", "Ответственный за обращения",
                    Role.ORG_RESPONDER, "Борисовский районный исполнительный комитет"));

    private final AccountService accounts;
    private final Organizations organizations;
    private final ChangeRequests changeRequests;

    CabinetDemoData(AccountService accounts, Organizations organizations, ChangeRequests changeRequests) {
        this.accounts = accounts;
        this.organizations = organizations;
        this.changeRequests = changeRequests;
    }

    @Override
    public String name() {
        return "organisation staff";
    }

    @Override
    public int order() {
        return 300; // after the catalogue and the citizens
    }

    @Override
    public Mono<Boolean> isLoaded() {
        return accounts.exists(STAFF.get(0).email());
    }

    /** Staff with passwords the README publishes: the local run mode's only. */
    @Override
    public boolean localOnly() {
        return true;
    }

    /**
     * The staff, and from each of the two executive committees' admins a request to the moderators to rename one of
     * its subordinates (the moderators' desk then has something to decide).
     */
    @Override
    public Mono<Void> load() {
        return organizations.idsByName(STAFF.stream().map(DemoStaff::organization).toList())
                .flatMapMany(ids -> Flux.fromIterable(STAFF).filter(staff -> ids.containsKey(staff.organization()))
                        .concatMap(staff -> accounts.create(staff.email(), staff.password(), staff.displayName(), true,
                                        staff.role(), ids.get(staff.organization()))
                                .flatMap(user -> staff.email().startsWith("belpochta") || staff.role() != Role.ORG_ADMIN
                                        ? Mono.empty() : renameRequest(user.id(), ids.get(staff.organization())))))
                .then();
    }

    private Mono<Void> renameRequest(long userId, long organizationId) {
        return organizations.subtree(organizationId, 2)
                .flatMap(subtree -> subtree.size() < 2 ? Mono.empty() : organizations.identities(List.of(subtree.get(1)))
                        .flatMap(found -> {
                            String name = found.get(subtree.get(1)).name();
                            String renamed = name.startsWith("Государственное") ? name + " (с 1 января 2027 г.)"
                                    : "Государственное учреждение «" + name + "»";
                            return changeRequests.submit(userId, subtree.get(1), new ChangeRequestRecords.Submission(
                                    renamed.length() > 300 ? name : renamed, null, null, null,
                                    "Наименование приведено в соответствие с уставом (решение от 14.11.2026 № 1234)"));
                        }))
                .then();
    }
}
