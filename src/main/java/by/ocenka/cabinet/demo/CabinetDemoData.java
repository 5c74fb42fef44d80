package by.ocenka.cabinet.demo;

import java.util.List;

import by.ocenka.account.AccountService;
import by.ocenka.account.Role;
import by.ocenka.catalog.Organizations;
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

    CabinetDemoData(AccountService accounts, Organizations organizations) {
        this.accounts = accounts;
        this.organizations = organizations;
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

    @Override
    public Mono<Void> load() {
        return organizations.idsByName(STAFF.stream().map(DemoStaff::organization).toList())
                .flatMapMany(ids -> Flux.fromIterable(STAFF).filter(staff -> ids.containsKey(staff.organization()))
                        .concatMap(staff -> accounts.create(staff.email(), staff.password(), staff.displayName(), true,
                                staff.role(), ids.get(staff.organization()))))
                .then();
    }
}
