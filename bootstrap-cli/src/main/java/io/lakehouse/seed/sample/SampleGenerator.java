package io.lakehouse.seed.sample;

import io.lakehouse.seed.files.RejectReason;
import io.lakehouse.seed.sample.ShopRecords.Customer;
import io.lakehouse.seed.sample.ShopRecords.Order;
import io.lakehouse.seed.sample.ShopRecords.OrderItem;
import io.lakehouse.seed.sample.ShopRecords.Payment;
import io.lakehouse.seed.sample.ShopRecords.PlannedRecord;
import io.lakehouse.seed.sample.ShopRecords.Product;
import io.lakehouse.seed.sample.ShopRecords.Shipment;
import io.lakehouse.seed.sample.ShopRecords.Store;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The demo retailer "shop", generated deterministically: the same scale gives the same records and the same bytes
 * ({@link Random}'s algorithm is fixed by its specification, and nothing here depends on the locale, the clock or
 * hash order). Scale N has N times the rows of scale 1, the committed {@code sample-data/}.
 *
 * <p>Flat files carry about 1% deliberately bad records, each with exactly one planted defect. They are extra
 * records (ids and SKUs past the valid range) so the application database only ever refers to good customers,
 * stores and products.
 */
public final class SampleGenerator {
    public static final long SEED = 20_251_101L;
    public static final int CUSTOMERS_PER_SCALE = 1000;
    public static final int STORES_PER_SCALE = 20;
    public static final int PRODUCTS_PER_SCALE = 300;
    public static final int ORDERS_PER_SCALE = 2000;
    public static final int BAD_CUSTOMERS_PER_SCALE = 10;
    public static final int BAD_STORES_PER_SCALE = 1;
    public static final int BAD_PRODUCTS_PER_SCALE = 3;

    /** The defects planted, in turn, per file (the i-th bad record gets kind i mod size). */
    static final List<RejectReason> CUSTOMER_DEFECTS = List.of(RejectReason.WRONG_COLUMN_COUNT,
            RejectReason.BAD_DATE, RejectReason.BAD_NUMBER, RejectReason.MISSING_REQUIRED, RejectReason.BAD_DATE,
            RejectReason.WRONG_COLUMN_COUNT, RejectReason.MISSING_REQUIRED, RejectReason.BAD_NUMBER,
            RejectReason.BAD_DATE, RejectReason.WRONG_COLUMN_COUNT);
    static final List<RejectReason> STORE_DEFECTS = List.of(RejectReason.BAD_NUMBER, RejectReason.BAD_DATE,
            RejectReason.MISSING_REQUIRED, RejectReason.WRONG_COLUMN_COUNT);
    static final List<RejectReason> PRODUCT_DEFECTS = List.of(RejectReason.MALFORMED_ELEMENT,
            RejectReason.BAD_NUMBER, RejectReason.MISSING_REQUIRED);

    public static final String CUSTOMERS_HEADER = "customer_id,first_name,last_name,email,phone,country,city,"
            + "address,signup_date,loyalty_points,marketing_opt_in";
    public static final String STORES_HEADER = "store_id,name,channel,city,country,opened_on,floor_area_m2";

    private static final DateTimeFormatter SQL_TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);
    private static final LocalDate FIRST_SIGNUP = LocalDate.of(2019, 1, 1);
    private static final LocalDateTime FIRST_ORDER = LocalDateTime.of(2024, 1, 1, 0, 0);

    private static final String[] FIRST_NAMES = {"Anna", "Lukas", "Sofia", "Mateo", "Emma", "Noah", "Zoë",
            "José", "Łukasz", "Søren", "François", "Chloé", "Ólafur", "Marta", "Liam", "Olivia", "Hiroshi",
            "Aisha", "Ines", "Jakub", "Elif", "Mia", "Pedro", "Johanna", "Sean", "Giulia", "Björn", "Amélie",
            "Kofi", "Nadia"};
    private static final String[] LAST_NAMES = {"Müller", "García", "O'Brien", "Nguyen", "Smith", "van der Berg",
            "Kowalski", "Rossi", "Dubois", "Jensen", "Silva", "Novak", "Schmidt", "Fernández", "Murphy",
            "Andersson", "Kaya", "Costa", "Byrne", "De Vries", "Ibrahim", "Lefèvre", "Nowak", "Sato", "Weiß"};
    private static final String[][] PLACES = {
            {"DE", "Berlin"}, {"DE", "München"}, {"DE", "Hamburg"}, {"FR", "Paris"}, {"FR", "Lyon"},
            {"ES", "Madrid"}, {"ES", "Barcelona"}, {"IT", "Milano"}, {"NL", "Amsterdam"}, {"PL", "Kraków"},
            {"GB", "London"}, {"IE", "Dublin"}, {"SE", "Göteborg"}, {"DK", "København"}, {"PT", "Lisboa"},
            {"US", "Washington, D.C."}, {"US", "New York"}, {"AT", "Wien"}};
    private static final String[] STREETS = {"Hauptstraße", "Rue de la Paix", "Calle Mayor", "Via Roma",
            "Main Street", "Kerkstraat", "ul. Długa", "Storgatan", "High Street", "Rua Augusta"};
    private static final String[][] CATEGORIES = {
            {"Home/Kitchen/Cookware", "Skillet", "Saucepan", "Wok", "Dutch Oven"},
            {"Home/Kitchen/Knives", "Chef's Knife", "Paring Knife", "Bread Knife", "Knife Block"},
            {"Home/Living/Lighting", "Floor Lamp", "Desk Lamp", "Pendant Light", "String Lights"},
            {"Home/Living/Textiles", "Throw Blanket", "Cushion Cover", "Rug", "Curtain Pair"},
            {"Outdoor/Garden/Tools", "Pruning Shears", "Garden Hose", "Rake", "Watering Can"},
            {"Outdoor/Camping", "Tent", "Sleeping Bag", "Camping Stove", "Headlamp"},
            {"Sports/Fitness", "Yoga Mat", "Kettlebell", "Jump Rope", "Resistance Bands"},
            {"Electronics/Audio", "Bluetooth Speaker", "Headphones", "Earbuds", "Soundbar"},
            {"Electronics/Accessories", "USB-C Cable", "Power Bank", "Phone Stand", "Laptop Sleeve"},
            {"Office/Stationery", "Notebook", "Fountain Pen", "Desk Organizer", "Sticky Notes"}};
    private static final String[] ADJECTIVES = {"Classic", "Compact", "Deluxe", "Eco", "Pro", "Nordic",
            "Urban", "Vintage", "Essential", "Premium"};
    private static final String[] MATERIALS = {"Cast Iron", "Stainless", "Oak", "Cotton", "Bamboo", "Recycled",
            "Ceramic", "Aluminium", "Wool", "Linen"};
    private static final String[][] SUPPLIERS = {{"SUP-001", "Nordic Home & Co"}, {"SUP-002", "Acme Wholesale"},
            {"SUP-003", "Lumière SARL"}, {"SUP-004", "Bergmann GmbH"}, {"SUP-005", "Costa & Filhos"},
            {"SUP-006", "Outdoor <Gear> Ltd"}, {"SUP-007", "Tanaka Trading"}, {"SUP-008", "Kowalski Sp. z o.o."}};
    private static final String[] CARRIERS = {"DHL", "UPS", "DPD", "GLS", "PostNL"};
    private static final String[] METHODS = {"card", "card", "card", "paypal", "paypal", "bank_transfer",
            "gift_card"};

    private final int scale;

    public SampleGenerator(int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be 1 or more, was " + scale);
        }
        this.scale = scale;
    }

    public int scale() {
        return scale;
    }

    /** Everything, generated in one fixed order from one seeded random source. */
    public SampleDataset generate() {
        Random random = new Random(SEED);
        List<Store> stores = stores(random);
        List<Customer> customers = customers(random);
        List<Product> products = products(random);
        Orders orders = orders(random, products);
        List<PlannedRecord> customerRecords = interleave(random, customers.stream().map(SampleGenerator::csv).toList(),
                badCustomers(random, customers.size()));
        List<PlannedRecord> storeRecords = interleave(random, stores.stream().map(SampleGenerator::csv).toList(),
                badStores(random, stores.size()));
        List<PlannedRecord> productRecords = interleave(random, products.stream().map(SampleGenerator::xml).toList(),
                badProducts(random, products));
        return new SampleDataset(scale, customers, stores, products, orders.orders, orders.items, orders.payments,
                orders.shipments, customerRecords, storeRecords, productRecords);
    }

    private List<Store> stores(Random random) {
        List<Store> stores = new ArrayList<>();
        stores.add(new Store(1, "shop online", "online", "", "DE", LocalDate.of(2018, 3, 1), null));
        for (int id = 2; id <= STORES_PER_SCALE * scale; id++) {
            String[] place = pick(random, PLACES);
            String channel = random.nextInt(4) == 0 ? "outlet" : "retail";
            String name = "shop " + place[1] + (channel.equals("outlet") ? " Outlet" : "") + " #" + id;
            LocalDate opened = LocalDate.of(2018, 1, 1).plusDays(random.nextInt(2200));
            BigDecimal area = BigDecimal.valueOf(150 + random.nextInt(2400) * 10L + random.nextInt(10), 1);
            stores.add(new Store(id, name, channel, place[1], place[0], opened, area));
        }
        return stores;
    }

    private List<Customer> customers(Random random) {
        List<Customer> customers = new ArrayList<>();
        for (long id = 1; id <= (long) CUSTOMERS_PER_SCALE * scale; id++) {
            customers.add(customer(random, id));
        }
        return customers;
    }

    private static Customer customer(Random random, long id) {
        String first = pick(random, FIRST_NAMES);
        String last = pick(random, LAST_NAMES);
        String[] place = pick(random, PLACES);
        String email = ascii(first + "." + last).replaceAll("[^a-z.]", "") + id + "@example."
                + pick(random, new String[]{"com", "org", "net"});
        String phone = random.nextInt(5) == 0 ? "" : String.format(Locale.ROOT, "+%d %03d %07d",
                30 + random.nextInt(19), random.nextInt(1000), random.nextInt(10_000_000));
        String street = (1 + random.nextInt(180)) + " " + pick(random, STREETS);
        // some addresses span two lines, as shops export them: a quoted field with an embedded newline
        String address = random.nextInt(12) == 0 ? street + "\nApt " + (1 + random.nextInt(40)) : street;
        LocalDate signup = FIRST_SIGNUP.plusDays(random.nextInt(2372));
        return new Customer(id, first, last, email, phone, place[0], place[1], address, signup,
                random.nextInt(5001), random.nextBoolean());
    }

    private List<Product> products(Random random) {
        List<Product> products = new ArrayList<>();
        for (int n = 1; n <= PRODUCTS_PER_SCALE * scale; n++) {
            products.add(product(random, sku(n)));
        }
        return products;
    }

    private static Product product(Random random, String sku) {
        String[] category = pick(random, CATEGORIES);
        String item = category[1 + random.nextInt(category.length - 1)];
        String name = pick(random, ADJECTIVES) + " " + pick(random, MATERIALS) + " " + item
                + (random.nextInt(3) == 0 ? " " + (10 + random.nextInt(40)) + " cm" : "");
        BigDecimal price = BigDecimal.valueOf(299 + random.nextInt(30_000), 2);
        String[] supplier = pick(random, SUPPLIERS);
        return new Product(sku, random.nextInt(10) != 0, name, category[0], price, "EUR", supplier[0], supplier[1],
                tenths(random, 50, 1200), tenths(random, 10, 900), tenths(random, 20, 1500),
                BigDecimal.valueOf(50 + random.nextInt(25_000), 3),
                LocalDate.of(2020, 1, 1).plusDays(random.nextInt(1900)));
    }

    private record Orders(List<Order> orders, List<OrderItem> items, List<Payment> payments,
                          List<Shipment> shipments) {
    }

    private Orders orders(Random random, List<Product> products) {
        List<Order> orders = new ArrayList<>();
        List<OrderItem> items = new ArrayList<>();
        List<Payment> payments = new ArrayList<>();
        List<Shipment> shipments = new ArrayList<>();
        int storeCount = STORES_PER_SCALE * scale;
        long customerCount = (long) CUSTOMERS_PER_SCALE * scale;
        long spanSeconds = 548L * 24 * 3600;
        for (long orderId = 1; orderId <= (long) ORDERS_PER_SCALE * scale; orderId++) {
            long customerId = 1 + (long) (random.nextDouble() * customerCount);
            int storeId = random.nextInt(10) < 6 ? 1 : 2 + random.nextInt(storeCount - 1);
            LocalDateTime orderTs = FIRST_ORDER.plusSeconds((long) (random.nextDouble() * spanSeconds))
                    .plusNanos(random.nextInt(1000) * 1_000_000L);
            BigDecimal total = BigDecimal.ZERO.setScale(2);
            int lines = 1 + random.nextInt(4);
            for (int line = 1; line <= lines; line++) {
                Product product = products.get(random.nextInt(products.size()));
                int quantity = 1 + (random.nextInt(5) == 0 ? random.nextInt(4) : 0);
                items.add(new OrderItem(orderId, line, product.sku(), quantity, product.price()));
                total = total.add(product.price().multiply(BigDecimal.valueOf(quantity)));
            }
            String status = status(random);
            LocalDateTime updated = orderTs;
            if (!status.equals("placed") && !status.equals("cancelled")) {
                LocalDateTime paidAt = orderTs.plusSeconds(30 + random.nextInt(1800));
                payments.add(new Payment(payments.size() + 1L, orderId, pick(random, METHODS), total, paidAt));
                updated = paidAt;
                if (!status.equals("paid")) {
                    LocalDateTime shippedAt = paidAt.plusMinutes(60 + random.nextInt(72 * 60));
                    LocalDateTime deliveredAt = status.equals("shipped") ? null
                            : shippedAt.plusMinutes(24 * 60 + random.nextInt(5 * 24 * 60));
                    String shipmentStatus = switch (status) {
                        case "shipped" -> "in_transit";
                        case "returned" -> "returned";
                        default -> "delivered";
                    };
                    shipments.add(new Shipment(shipments.size() + 1L, orderId, pick(random, CARRIERS), shippedAt,
                            deliveredAt, shipmentStatus));
                    updated = deliveredAt == null ? shippedAt : deliveredAt;
                }
            } else if (status.equals("cancelled")) {
                updated = orderTs.plusMinutes(5 + random.nextInt(600));
            }
            orders.add(new Order(orderId, customerId, storeId, orderTs, status, total, updated));
        }
        return new Orders(orders, items, payments, shipments);
    }

    private static String status(Random random) {
        int p = random.nextInt(100);
        if (p < 55) {
            return "delivered";
        } else if (p < 70) {
            return "shipped";
        } else if (p < 80) {
            return "paid";
        } else if (p < 88) {
            return "placed";
        } else if (p < 95) {
            return "cancelled";
        }
        return "returned";
    }

    // ---- bad records: one planted defect each, ids past the valid range ----

    private List<PlannedRecord> badCustomers(Random random, int goodCount) {
        List<PlannedRecord> bad = new ArrayList<>();
        for (int i = 0; i < BAD_CUSTOMERS_PER_SCALE * scale; i++) {
            RejectReason defect = CUSTOMER_DEFECTS.get(i % CUSTOMER_DEFECTS.size());
            Customer c = customer(random, goodCount + i + 1L);
            String[] f = fields(c);
            switch (defect) {
                // a city with a comma, exported without quotes: one field too many
                case WRONG_COLUMN_COUNT -> {
                    if (i % 2 == 0) {
                        f[6] = "Washington, D.C.";
                        f[5] = "US";
                        // the same careless export does not quote the address either: keep it on one line
                        f[7] = f[7].replace('\n', ' ');
                        bad.add(PlannedRecord.bad(String.join(",", f), defect));
                    } else {
                        // a row cut short (the export stopped mid-line)
                        bad.add(PlannedRecord.bad(joinCsv(java.util.Arrays.copyOf(f, 7)), defect));
                    }
                    continue;
                }
                // a day that does not exist, and a day-first date where ISO is declared
                case BAD_DATE -> f[8] = i % 2 == 0 ? c.signupDate().getYear() + "-02-30" : "13/05/2021";
                case BAD_NUMBER -> f[9] = i % 2 == 0 ? "1.2k" : "12O";
                case MISSING_REQUIRED -> f[i % 2 == 0 ? 3 : 2] = "";
                default -> throw new IllegalStateException("no customer defect " + defect);
            }
            bad.add(PlannedRecord.bad(joinCsv(f), defect));
        }
        return bad;
    }

    private List<PlannedRecord> badStores(Random random, int goodCount) {
        List<PlannedRecord> bad = new ArrayList<>();
        for (int i = 0; i < BAD_STORES_PER_SCALE * scale; i++) {
            RejectReason defect = STORE_DEFECTS.get(i % STORE_DEFECTS.size());
            int id = goodCount + i + 1;
            String[] place = pick(random, PLACES);
            String[] f = {Integer.toString(id), "shop " + place[1] + " #" + id, "retail", place[1], place[0],
                    LocalDate.of(2019, 1, 1).plusDays(random.nextInt(1500)).toString(),
                    (200 + random.nextInt(900)) + ".0"};
            switch (defect) {
                case BAD_NUMBER -> f[6] = "1 250,5";
                case BAD_DATE -> f[5] = "2021-13-01";
                case MISSING_REQUIRED -> f[0] = "";
                case WRONG_COLUMN_COUNT -> f = java.util.Arrays.copyOf(f, 5);
                default -> throw new IllegalStateException("no store defect " + defect);
            }
            bad.add(PlannedRecord.bad(joinCsv(f), defect));
        }
        return bad;
    }

    private List<PlannedRecord> badProducts(Random random, List<Product> good) {
        List<PlannedRecord> bad = new ArrayList<>();
        for (int i = 0; i < BAD_PRODUCTS_PER_SCALE * scale; i++) {
            RejectReason defect = PRODUCT_DEFECTS.get(i % PRODUCT_DEFECTS.size());
            Product p = product(random, sku(good.size() + i + 1));
            String text = xml(p).text();
            String price = "<price currency=\"EUR\">" + p.price().toPlainString() + "</price>";
            text = switch (defect) {
                // the supplier wrapped the amount in an element of its own: not the declared shape
                case MALFORMED_ELEMENT -> text.replace(price,
                        "<price currency=\"EUR\"><amount>" + p.price().toPlainString() + "</amount></price>");
                case BAD_NUMBER -> text.replace(price,
                        "<price currency=\"EUR\">" + p.price().toPlainString().replace('.', ',') + "</price>");
                case MISSING_REQUIRED -> text.replace(" sku=\"" + p.sku() + "\"", "");
                default -> throw new IllegalStateException("no product defect " + defect);
            };
            bad.add(PlannedRecord.bad(text, defect));
        }
        return bad;
    }

    /** Good records in order, bad ones inserted at seeded positions (the order of the bad ones is kept). */
    private static List<PlannedRecord> interleave(Random random, List<PlannedRecord> good, List<PlannedRecord> bad) {
        List<PlannedRecord> all = new ArrayList<>(good);
        for (PlannedRecord record : bad) {
            all.add(1 + random.nextInt(all.size()), record);
        }
        return all;
    }

    // ---- rendering of one record ----

    static PlannedRecord csv(Customer c) {
        return PlannedRecord.good(joinCsv(fields(c)));
    }

    private static String[] fields(Customer c) {
        return new String[]{Long.toString(c.customerId()), c.firstName(), c.lastName(), c.email(), c.phone(),
                c.country(), c.city(), c.address(), c.signupDate().toString(), Integer.toString(c.loyaltyPoints()),
                Boolean.toString(c.marketingOptIn())};
    }

    static PlannedRecord csv(Store s) {
        return PlannedRecord.good(joinCsv(new String[]{Integer.toString(s.storeId()), s.name(), s.channel(),
                s.city(), s.country(), s.openedOn().toString(),
                s.floorAreaM2() == null ? "" : s.floorAreaM2().toPlainString()}));
    }

    static PlannedRecord xml(Product p) {
        String text = "  <product sku=\"" + p.sku() + "\" active=\"" + p.active() + "\">\n"
                + "    <name>" + escape(p.name()) + "</name>\n"
                + "    <category path=\"" + escape(p.categoryPath()) + "\"/>\n"
                + "    <price currency=\"" + p.currency() + "\">" + p.price().toPlainString() + "</price>\n"
                + "    <supplier id=\"" + p.supplierId() + "\">\n"
                + "      <name>" + escape(p.supplierName()) + "</name>\n"
                + "    </supplier>\n"
                + "    <dimensions width=\"" + p.widthCm() + "\" height=\"" + p.heightCm() + "\" depth=\""
                + p.depthCm() + "\" unit=\"cm\" weight=\"" + p.weightKg() + "\"/>\n"
                + "    <launched>" + p.launchedOn() + "</launched>\n"
                + "  </product>";
        return PlannedRecord.good(text);
    }

    static String joinCsv(String[] fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            String f = fields[i];
            if (f.contains(",") || f.contains("\"") || f.contains("\n")) {
                line.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                line.append(f);
            }
        }
        return line.toString();
    }

    static String sqlTimestamp(LocalDateTime ts) {
        return ts == null ? null : SQL_TS.format(ts);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    public static String sku(int n) {
        return String.format(Locale.ROOT, "SKU-%05d", n);
    }

    private static String ascii(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("ß", "ss")
                .toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    private static BigDecimal tenths(Random random, int min, int max) {
        return BigDecimal.valueOf(min + random.nextInt(max - min), 1).setScale(1, RoundingMode.UNNECESSARY);
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
