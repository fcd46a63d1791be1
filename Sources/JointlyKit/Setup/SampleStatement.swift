/// The example statement `jointly init` writes: the 2018 joint statement on the Telegram
/// block in Russia, and the signatories public sources name. A test keeps these equal to
/// the files in `statements/`.
enum SampleStatement {
    /// The statement's file name.
    static let fileName = "russia-telegram-2018.md"
    /// The signatories' file name.
    static let signatoriesFileName = "russia-telegram-2018.signatories.csv"

    /// The statement file.
    static let text = #"""
---
slug: russia-telegram-2018
title: "Russia: Telegram block leads to widespread assault on freedom of expression online"
date: 2018-04-30
language: en
issuer: ARTICLE 19
group-by: none
addressees:
  - key: russia
    name: Russian authorities
    kind: state
  - key: international-community
    name: The UN, the Council of Europe, the OSCE, the EU, the United States and other governments
    kind: intergovernmental
  - key: internet-companies
    name: Internet companies
    kind: company
demands:
  - key: unblock-telegram
    to: russia
    text: Stop blocking Telegram.
  - key: end-internet-attacks
    to: russia
    text: End the wider campaign against freedom of expression and privacy on the Internet.
  - key: repeal-data-localisation
    to: russia
    text: Repeal the laws that oblige companies to keep the data of Russian users on servers inside Russia.
  - key: repeal-vpn-ban
    to: russia
    text: Repeal the ban on VPNs and anonymisers.
  - key: repeal-anonymity-ban
    to: russia
    text: Repeal the ban on using messaging services anonymously.
  - key: challenge-russia
    to: international-community
    text: Challenge these actions by the Russian authorities and defend the rights to freedom of expression and privacy online as well as offline.
  - key: resist-unlawful-orders
    to: internet-companies
    text: Resist orders without a sound legal basis that would violate the rights of their users.
---
We, the undersigned organisations, condemn the blocking of the messaging service
Telegram in Russia and the damage it has done to the Internet freedom of millions of
people.

On 13 April 2018 the Tagansky district court in Moscow granted a request by the
communications regulator, Roskomnadzor, to block Telegram. The company had refused to
give the Federal Security Service (FSB) the keys to decrypt its users' messages, as an
order of 2017 demanded. Telegram had close to 15 million users in Russia.

From 16 April the regulator ordered the blocking of close to 20 million IP addresses,
most of them belonging to the cloud services of Google, Amazon and Microsoft, in an
attempt to stop people reaching Telegram. About 14.6 million of those addresses were
still blocked on 30 April. Services that have nothing to do with Telegram stopped
working: bank transfers, online games, ticket and flight bookings, online shops, and at
least six online media outlets.

The block is the latest step in a campaign that has narrowed freedom of expression
online in Russia for years: a blacklist of websites kept by Roskomnadzor since 2012, the
"Yarovaya" surveillance laws of 2016, the obligation to store Russian users' data inside
Russia, the ban on VPNs and anonymisers, and the ban on using messaging services
anonymously. Together these measures threaten the rights to freedom of expression and
to privacy of everyone in Russia, and the security of their communications.

We call on the Russian authorities, on the international community and on Internet
companies to act as follows.
"""#

    /// The signatories as CSV, with the headers of DESIGN.md's field table.
    static let signatories = #"""
org,short-name,country,kind,website,signed-at
ARTICLE 19,,GB,ngo,https://www.article19.org,2018-04-30
Human Rights Watch,HRW,US,ngo,https://www.hrw.org,2018-04-30
Amnesty International,,GB,ngo,https://www.amnesty.org,2018-04-30
Committee to Protect Journalists,CPJ,US,ngo,https://cpj.org,2018-04-30
Agora International Human Rights Group,Agora,RU,ngo,,2018-04-30
Moscow Helsinki Group,,RU,ngo,,2018-04-30
Reporters Without Borders,RSF,FR,ngo,https://rsf.org,2018-04-30
Roskomsvoboda,,RU,ngo,,2018-04-30
Team 29,,RU,ngo,,2018-04-30
Access Now,,US,ngo,https://www.accessnow.org,2018-04-30
Development of Democracy and Human Rights,,RU,ngo,,2018-04-30
Memorial Human Rights Centre,,RU,ngo,,2018-04-30
Mass Media Defence Centre,,RU,ngo,,2018-04-30
Transparency International,,DE,ngo,https://www.transparency.org,2018-05-16
PEN America,,US,ngo,https://pen.org,2018-05-16
"""#
}
