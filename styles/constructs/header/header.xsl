<?xml version="1.0" encoding="UTF-8"?>
<!-- From the teiHeader: the HTML head (Dublin Core, schema.org JSON-LD), the title page, the imprint with downloads and how to cite, About this edition. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="str exsl"
    exclude-result-prefixes="tei eg str exsl">

  <xsl:variable name="header" select="(/tei:TEI | /tei:teiCorpus)/tei:teiHeader"/>
  <xsl:key name="title-author" match="tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:author" use="normalize-space(.)"/>
  <xsl:variable name="titleStmt" select="$header/tei:fileDesc/tei:titleStmt"/>
  <!-- What sourceDesc says of the source: not a prosopography kept there (listPerson and
       the like are the register's) nor an old-style correspDesc (WeGA: the letter's
       metadata, shown as its correspondence) -->
  <xsl:variable name="source-parts" select="$header/tei:fileDesc/tei:sourceDesc/*[not(self::tei:listPerson or self::tei:listPlace or self::tei:listOrg or self::tei:correspDesc)]"/>
  <xsl:variable name="pubStmt" select="$header/tei:fileDesc/tei:publicationStmt"/>

  <xsl:variable name="title-text">
    <xsl:variable name="t"><xsl:call-template name="title-of"><xsl:with-param name="header" select="$header"/></xsl:call-template></xsl:variable>
    <xsl:value-of select="normalize-space($t)"/>
  </xsl:variable>
  <xsl:variable name="subtitle-text">
    <xsl:variable name="t"><xsl:apply-templates select="$titleStmt/tei:title[@type = 'sub' or @type = 'subtitle'][1]" mode="plain"/></xsl:variable>
    <xsl:value-of select="normalize-space($t)"/>
  </xsl:variable>
  <!-- The series or journal the edition belongs to (a letter of a correspondence edition,
       a day of a diary: title level="s" or "j"), when the edition's title is another. -->
  <xsl:variable name="series-text">
    <!-- (else the seriesStmt's title and numbers: "Scholarly Editing, 35") -->
    <xsl:variable name="t">
      <xsl:choose>
        <xsl:when test="$titleStmt/tei:title[@level = 's' or @level = 'j'][normalize-space(.) != '']">
          <xsl:apply-templates select="$titleStmt/tei:title[@level = 's' or @level = 'j'][normalize-space(.) != ''][1]" mode="plain"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:for-each select="$header/tei:fileDesc/tei:seriesStmt[1][tei:title[normalize-space(.) != '']]">
            <xsl:apply-templates select="tei:title[normalize-space(.) != ''][1]" mode="plain"/>
            <xsl:for-each select="tei:biblScope[normalize-space(.) != '']"><xsl:value-of select="concat(', ', normalize-space(.))"/></xsl:for-each>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="normalize-space($t) != $title-text"><xsl:value-of select="normalize-space($t)"/></xsl:if>
  </xsl:variable>
  <!-- The language of the text: TEI's or text's; else the one editio chose from langUsage
       and the text ($default-lang: of the languages listed, the text's), else English. -->
  <xsl:variable name="text-lang">
    <xsl:variable name="root" select="/tei:TEI | /tei:teiCorpus"/>
    <xsl:variable name="declared" select="($root/@xml:lang | $root/tei:text/@xml:lang | $root/tei:text/tei:body/*[1]/@xml:lang)[1]"/>
    <xsl:variable name="l"><xsl:call-template name="bcp47"><xsl:with-param name="v" select="$declared"/></xsl:call-template></xsl:variable>
    <xsl:choose>
      <xsl:when test="$l != ''"><xsl:value-of select="$l"/></xsl:when>
      <xsl:when test="$default-lang != ''"><xsl:value-of select="$default-lang"/></xsl:when>
      <xsl:otherwise>en</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <!-- The document's language, the edition's own words' (title page, contents, notes'
       labels, "About this edition"): the text's, unless the file states its header's
       language apart from it (a Sanskrit or Old Norse text edited in English: no
       language on TEI, teiHeader xml:lang="en", text xml:lang="sa-Latn"). Then the
       edition speaks the header's language, and the text (main) is marked with its own. -->
  <xsl:variable name="header-lang">
    <xsl:variable name="root" select="/tei:TEI | /tei:teiCorpus"/>
    <xsl:if test="not($root/@xml:lang)">
      <xsl:call-template name="bcp47"><xsl:with-param name="v" select="$root/tei:teiHeader/@xml:lang"/></xsl:call-template>
      <!-- (a Latin text whose file states no other language: the language of the header's
           words, editio.source.facts.header_language) -->
      <xsl:if test="not($root/tei:teiHeader/@xml:lang)"><xsl:value-of select="$header-guess"/></xsl:if>
    </xsl:if>
  </xsl:variable>
  <xsl:variable name="doc-lang">
    <xsl:choose>
      <xsl:when test="$header-lang != ''"><xsl:value-of select="$header-lang"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$text-lang"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <!-- (a time stamp, "2022-01-07T15:32:25Z", is shown as its day) -->
  <!-- (the date's @when before its words: "2014-11 (EEBO-TCP Phase 2)." is 2014-11) -->
  <xsl:variable name="pub-date-stamp" select="normalize-space(($pubStmt/tei:date/@when[normalize-space(.) != ''] | $pubStmt/tei:date[not(normalize-space(@when))])[1])"/>
  <xsl:variable name="pub-date">
    <xsl:choose>
      <xsl:when test="contains($pub-date-stamp, 'T') and string(number(substring($pub-date-stamp, 1, 4))) != 'NaN'
                      and string(number(substring(substring-after($pub-date-stamp, 'T'), 1, 2))) != 'NaN'"><xsl:value-of select="substring-before($pub-date-stamp, 'T')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$pub-date-stamp"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <!-- The edition's editors (an empty editor, a template's placeholder, names nobody): titleStmt/editor (each of its names, when it holds several), and the names of a respStmt whose resp says
       "edited" (in English, German, French, Italian, Spanish, Dutch or Latin). An encoder or
       transcriber is named on the title page with the responsibility, never as an editor. -->
  <!-- (the titleStmt's own editors, as the title page names them; an editor whose role is
       translation, editor role="translator" as EMOTHE names the translator of a play, is
       named as the translator) -->
  <xsl:variable name="title-editors" select="$titleStmt/tei:editor[not(@role = 'translator' or @role = 'trl')][count(tei:name | tei:persName) &lt; 2]
      | $titleStmt/tei:editor[not(@role = 'translator' or @role = 'trl')][count(tei:name | tei:persName) &gt; 1]/*[self::tei:name or self::tei:persName]"/>
  <xsl:variable name="translators" select="$titleStmt/tei:editor[@role = 'translator' or @role = 'trl'][normalize-space(.) != '']"/>
  <xsl:variable name="editors" select="$title-editors[normalize-space(.) != '']
      | ($titleStmt | $header/tei:fileDesc/tei:editionStmt)/tei:respStmt[contains(translate(tei:resp, $UPPER, $LOWER), 'edit') or contains(translate(tei:resp, $UPPER, $LOWER), 'herausg')
          or contains(translate(tei:resp, $UPPER, $LOWER), 'hrsg') or contains(translate(tei:resp, $UPPER, $LOWER), 'curat')
          or contains(translate(tei:resp, $UPPER, $LOWER), 'édit') or contains(translate(tei:resp, $UPPER, $LOWER), 'bezorg')]
        [not(contains(translate(tei:resp, $UPPER, $LOWER), 'xml') or contains(translate(tei:resp, $UPPER, $LOWER), 'encod')
             or contains(translate(tei:resp, $UPPER, $LOWER), 'conver') or contains(translate(tei:resp, $UPPER, $LOWER), 'markup')
             or contains(translate(tei:resp, $UPPER, $LOWER), 'photo') or contains(translate(tei:resp, $UPPER, $LOWER), 'scan'))]
        /*[self::tei:name or self::tei:persName or self::tei:orgName[not(../tei:persName or ../tei:name)]][normalize-space(.) != '']"/>
  <!-- (not those who converted the text or marked it up, "Digital conversion and editing",
       nor those who photographed the source, "Edition made with help from photos taken by";
       nor the institution beside a person, which is where that person works) -->
  <!-- The licences: TEI's licence elements, and the Creative Commons RDF that older files
       give in their place (Digital Humanities Quarterly's <cc:License rdf:about="…/by-nd/2.5/"/>,
       read as the licence of that address: "CC BY-ND 2.5"; the edition said nothing of
       its rights) -->
  <xsl:variable name="licences" select="$pubStmt/tei:availability/tei:licence
      | $pubStmt/tei:availability[not(tei:licence)]/*[local-name() = 'License'][not(self::tei:*)][@*[local-name() = 'about'] != '']"/>
  <xsl:variable name="licence" select="$licences[1]"/>
  <!-- A licence's name and its addresses. A licence named beside a link called "Licence"
       (DraCor's <ab>CC BY 4.0</ab><ref target="…">Licence</ref>) is named by its name,
       and the link's address is its own: "CC BY 4.0", not "CC BY 4.0 Licence". -->
  <!-- (the link called by that generic word, by the licence it is in) -->
  <xsl:key name="licence-link" match="tei:licence/tei:ref[@target][contains(' licence license lizenz lizenzvertrag licencia licenza licentie лицензия legalcode ',
      concat(' ', translate(normalize-space(.), 'ABCDEFGHIJKLMNOPQRSTUVWXYZЛИЦЕНЗЯ', 'abcdefghijklmnopqrstuvwxyzлицензя'), ' '))]" use="generate-id(..)"/>
  <xsl:template name="licence-text">
    <xsl:param name="l" select="."/>
    <xsl:variable name="generic" select="key('licence-link', generate-id($l))[not($l/@target)]"/>
    <xsl:variable name="text">
      <xsl:call-template name="plain-of">
        <xsl:with-param name="node" select="$l/node()[count(. | $generic) != count($generic)]"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="normalize-space($text) != ''"><xsl:value-of select="$text"/></xsl:when>
      <!-- (a licence given by its address only, <licence target="…/licenses/by/4.0/"/>,
           is named by it when it is a Creative Commons one: "CC BY 4.0", not the address) -->
      <xsl:otherwise>
        <xsl:variable name="targets"><xsl:call-template name="licence-targets"><xsl:with-param name="l" select="$l"/></xsl:call-template></xsl:variable>
        <xsl:call-template name="cc-name"><xsl:with-param name="url" select="str:tokenize($targets, ' ')[1]"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!-- The name of a Creative Commons licence or public domain tool from its address. -->
  <xsl:template name="cc-name">
    <xsl:param name="url"/>
    <xsl:variable name="licences" select="substring-after($url, 'creativecommons.org/licenses/')"/>
    <xsl:variable name="tools" select="substring-after($url, 'creativecommons.org/publicdomain/')"/>
    <xsl:choose>
      <xsl:when test="$licences != '' and contains($licences, '/')">
        <xsl:variable name="version" select="substring-before(concat(substring-after($licences, '/'), '/'), '/')"/>
        <xsl:value-of select="normalize-space(concat('CC ', translate(substring-before($licences, '/'), 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), ' ', $version))"/>
      </xsl:when>
      <xsl:when test="starts-with($tools, 'zero/')">
        <xsl:value-of select="normalize-space(concat('CC0 ', substring-before(concat(substring-after($tools, 'zero/'), '/'), '/')))"/>
      </xsl:when>
      <xsl:when test="starts-with($tools, 'mark/')">
        <xsl:value-of select="normalize-space(concat('Public Domain Mark ', substring-before(concat(substring-after($tools, 'mark/'), '/'), '/')))"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>
  <xsl:template name="licence-targets">
    <xsl:param name="l" select="."/>
    <xsl:choose>
      <xsl:when test="normalize-space($l/@target) != ''"><xsl:value-of select="normalize-space($l/@target)"/></xsl:when>
      <xsl:when test="not($l/self::tei:*)"><xsl:value-of select="normalize-space($l/@*[local-name() = 'about'])"/></xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="key('licence-link', generate-id($l))">
          <xsl:value-of select="concat(normalize-space(@target), ' ')"/>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!-- the authors the header names (an empty author element names nobody); Digital
       Humanities Quarterly's articles name theirs in its own namespace, one
       dhq:authorInfo/dhq:author_name each, beside their affiliation and biography -->
  <!-- (an author written a second time as filed, "Vicente, Gil" after "Gil Vicente", as
       EMOTHE keeps its sort form, is one author) -->
  <xsl:variable name="named-authors" select="$titleStmt/tei:author[normalize-space(.) != '']
        [not(contains(., ',') and key('title-author', concat(normalize-space(substring-after(., ',')), ' ', normalize-space(substring-before(., ',')))))]
      | $titleStmt[not(tei:author[normalize-space(.) != ''])]/*[local-name() = 'authorInfo'][not(self::tei:*)]/*[local-name() = 'author_name'][normalize-space(.) != '']"/>
  <!-- (not beside a TEI author, the same person: an early article names Johanna Drucker in
       both, "Johanna Drucker, Johanna Drucker") -->
  <!-- A letter whose header names no author is its sender's (correspAction type="sent"):
       the editor, who is named, did not write it. (Not when the sending action also holds
       names typed as addressees: which name wrote is then the encoder's guess to make.) -->
  <xsl:variable name="senders" select="$header/tei:profileDesc/tei:correspDesc[not($named-authors)][1]/tei:correspAction[@type = 'sent'][not(*[@type = 'addressee' or @type = 'recipient'])]
          /*[self::tei:persName or self::tei:orgName or self::tei:name or self::tei:rs[not(@type = 'place')]][normalize-space(.) != '']"/>
  <!-- Else the author of the source the text is transcribed from (a newspaper poem whose
       titleStmt credits only its encoders): the first bibl of sourceDesc, an article's
       author before its journal's. -->
  <xsl:variable name="source-record" select="$header/tei:fileDesc/tei:sourceDesc/*[self::tei:bibl or self::tei:biblStruct or self::tei:biblFull][1]"/>
  <xsl:variable name="source-authors" select="($source-record/tei:author | $source-record/tei:titleStmt/tei:author
        | $source-record/tei:analytic/tei:author | $source-record[not(tei:analytic/tei:author)]/tei:monogr/tei:author)[normalize-space(.) != '']"/>
  <!-- Else the authors the text's own title page names (docAuthor: TEI Lite's Burnard and
       Sperberg-McQueen, whom its header does not name). -->
  <xsl:variable name="page-authors" select="/tei:TEI/tei:text/tei:front/tei:titlePage//tei:docAuthor[normalize-space(.) != '']"/>
  <xsl:variable name="title-authors" select="$named-authors | $senders | $source-authors[not($named-authors or $senders)]
      | $page-authors[not($named-authors or $senders or $source-authors)]"/>

  <!-- The title of a header: main title, else the first title; never empty. -->
  <xsl:template name="title-of">
    <xsl:param name="header"/>
    <xsl:variable name="ts" select="$header/tei:fileDesc/tei:titleStmt"/>
    <xsl:variable name="t">
      <xsl:choose>
        <xsl:when test="$ts/tei:title[@type = 'main']"><xsl:apply-templates select="$ts/tei:title[@type = 'main'][1]/node()" mode="plain"/></xsl:when>
        <!-- the item's own title before the title of the series or journal it belongs to
             (a letter of a correspondence edition: level="a" after level="s") -->
        <xsl:when test="$ts/tei:title[not(@type) and not(@level = 's' or @level = 'j')]">
          <xsl:apply-templates select="$ts/tei:title[not(@type) and not(@level = 's' or @level = 'j')][1]/node()" mode="plain"/>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates select="($ts/tei:title[not(@type = 'sub' or @type = 'subtitle')] | $ts/tei:title)[1]/node()" mode="plain"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <!-- a title the editor supplied, which the source does not give (rend="bracketed", as
         the Walt Whitman Archive marks it, or "supplied"), stands in square brackets, as
         catalogues write a supplied title -->
    <xsl:variable name="chosen" select="($ts/tei:title[@type = 'main'] | $ts/tei:title[not($ts/tei:title[@type = 'main'])][not(@type) and not(@level = 's' or @level = 'j')]
        | $ts/tei:title[not($ts/tei:title[@type = 'main'] | $ts/tei:title[not(@type) and not(@level = 's' or @level = 'j')])][not(@type = 'sub' or @type = 'subtitle')])[1]"/>
    <xsl:variable name="supplied" select="contains(translate(concat(' ', $chosen/@rend, ' ', $chosen/@type, ' '), 'BRACKETEDSUPLI', 'bracketedsupli'), 'bracket')
        or contains(concat(' ', normalize-space($chosen/@rend), ' '), ' supplied ')"/>
    <xsl:choose>
      <xsl:when test="normalize-space($t) != '' and $supplied and not(starts-with(normalize-space($t), '['))"><xsl:value-of select="concat('[', normalize-space($t), ']')"/></xsl:when>
      <xsl:when test="normalize-space($t) != ''"><xsl:value-of select="normalize-space($t)"/></xsl:when>
      <xsl:otherwise>Untitled</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A date element as ISO 8601: @when, an interval start/end from @from/@to or
       @notBefore/@notAfter, else its words. -->
  <xsl:template name="iso-of-date">
    <xsl:variable name="start" select="normalize-space((@from | @notBefore)[1])"/>
    <xsl:variable name="end" select="normalize-space((@to | @notAfter)[1])"/>
    <xsl:choose>
      <xsl:when test="normalize-space(@when) != ''"><xsl:value-of select="normalize-space(@when)"/></xsl:when>
      <xsl:when test="$start != '' or $end != ''"><xsl:value-of select="concat($start, '/', $end)"/></xsl:when>
      <!-- a date in words only is its year (a catalogue's "[1554]]", "ca. 1554"): the first
           run of four digits; else nothing a machine could misread -->
      <xsl:otherwise>
        <xsl:variable name="t" select="normalize-space(.)"/>
        <xsl:variable name="others" select="translate($t, '0123456789', '')"/>
        <xsl:choose>
          <xsl:when test="$others = ''"><xsl:value-of select="$t"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="str:tokenize($t, $others)[string-length(.) = 4][1]"/></xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The name of a publisher, distributor or authority: its names (orgName, name,
       persName) when it gives them, the first only for a citation; else its text without
       its e-mail, address or identifiers. -->
  <xsl:template name="agency-name">
    <xsl:param name="node" select="."/>
    <xsl:param name="all" select="false()"/>
    <xsl:variable name="names" select="$node/*[self::tei:orgName or self::tei:name or self::tei:persName][normalize-space(.) != '']"/>
    <xsl:choose>
      <xsl:when test="$names and $all">
        <xsl:for-each select="$names">
          <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
          <xsl:call-template name="plain-of"><xsl:with-param name="node" select="."/></xsl:call-template>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$names"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="$names[1]"/></xsl:call-template></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="t"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="$node/node()[not(self::tei:email or self::tei:address or self::tei:idno or self::tei:ptr)]"/></xsl:call-template></xsl:variable>
        <!-- (a library catalogue's punctuation after the name is no part of it:
             "Text Creation Partnership,") -->
        <xsl:variable name="n" select="normalize-space($t)"/>
        <xsl:choose>
          <xsl:when test="contains(',;:', substring($n, string-length($n))) and string-length($n) &gt; 1">
            <xsl:value-of select="normalize-space(substring($n, 1, string-length($n) - 1))"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$n"/></xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============ head ============ -->
  <xsl:template name="html-head">
    <xsl:variable name="abstract" select="($header/tei:profileDesc/tei:abstract[normalize-space(.) != '']
        | $root-node/tei:TEI/tei:text/tei:front//tei:div[@type = 'abstract'][normalize-space(.) != '']
        | $root-node/tei:TEI/tei:text/tei:body/tei:div[@type = 'abstract'][normalize-space(.) != ''])[1]"/>
    <xsl:variable name="description">
      <xsl:choose>
        <!-- the text's own abstract says what it is: a review's, not its sourceDesc's
             "born digital" -->
        <xsl:when test="$abstract">
          <xsl:variable name="t"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="($abstract/tei:p | $abstract/tei:ab | $abstract)[1]"/></xsl:call-template></xsl:variable>
          <xsl:value-of select="normalize-space($t)"/>
        </xsl:when>
        <!-- a described object is summed up by where it is kept, not by all its facts -->
        <xsl:when test="$source-parts[1][self::tei:msDesc/tei:msIdentifier]">
          <xsl:call-template name="source-citation"/>
        </xsl:when>
        <xsl:otherwise>
          <!-- (a source said in a word or two, "born digital", describes nothing) -->
          <xsl:for-each select="($header/tei:encodingDesc/tei:projectDesc/tei:p
              | $source-parts[not(self::tei:p) or string-length(normalize-space(.)) &gt; 24])[1]">
            <xsl:choose>
              <xsl:when test="self::tei:bibl"><xsl:call-template name="parts-as-written"/></xsl:when>
              <xsl:otherwise><xsl:call-template name="plain-of"><xsl:with-param name="node" select="."/></xsl:call-template></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <head>
      <meta charset="utf-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <title><xsl:value-of select="$title-text"/></title>
      <xsl:if test="$description != ''">
        <meta name="description" content="{$description}"/>
      </xsl:if>
      <meta name="generator" content="editio {$editio-version}"/>
      <meta name="dc.title" content="{$title-text}"/>
      <xsl:if test="$subtitle-text != ''"><meta name="dcterms.alternative" content="{$subtitle-text}"/></xsl:if>
      <xsl:if test="$series-text != ''"><meta name="dcterms.isPartOf" content="{$series-text}"/></xsl:if>
      <xsl:for-each select="$title-authors">
        <meta name="dc.creator"><xsl:attribute name="content"><xsl:call-template name="name-of"/></xsl:attribute></meta>
      </xsl:for-each>
      <xsl:for-each select="$editors">
        <meta name="dc.contributor"><xsl:attribute name="content"><xsl:call-template name="name-of"/></xsl:attribute></meta>
      </xsl:for-each>
      <xsl:for-each select="$pubStmt/tei:publisher[normalize-space(.) != ''][1]">
        <meta name="dc.publisher"><xsl:attribute name="content"><xsl:call-template name="agency-name"/></xsl:attribute></meta>
      </xsl:for-each>
      <xsl:if test="$pub-date != ''"><meta name="dc.date" content="{$pub-date}"/></xsl:if>
      <!-- When the text itself was written or published (a catalogue lists texts by it): the
           creation date, else the date a letter was sent, else the first date of the source. -->
      <xsl:variable name="created">
        <xsl:for-each select="$header/tei:profileDesc/tei:creation//tei:date[1]"><xsl:call-template name="iso-of-date"/></xsl:for-each>
        <xsl:if test="not($header/tei:profileDesc/tei:creation//tei:date)">
          <xsl:for-each select="($header/tei:profileDesc/tei:correspDesc/tei:correspAction[@type = 'sent']//tei:date)[1]"><xsl:call-template name="iso-of-date"/></xsl:for-each>
          <xsl:if test="not($header/tei:profileDesc/tei:correspDesc/tei:correspAction[@type = 'sent']//tei:date)">
            <xsl:for-each select="($header/tei:fileDesc/tei:sourceDesc//tei:date[not(ancestor::tei:listPerson or ancestor::tei:listPlace or ancestor::tei:listOrg)])[1]"><xsl:call-template name="iso-of-date"/></xsl:for-each>
          </xsl:if>
        </xsl:if>
      </xsl:variable>
      <xsl:if test="normalize-space($created) != ''"><meta name="dcterms.created" content="{normalize-space($created)}"/></xsl:if>
      <meta name="dc.language" content="{$doc-lang}"/>
      <xsl:if test="$licence">
        <xsl:variable name="rights"><xsl:call-template name="licence-text"><xsl:with-param name="l" select="$licence"/></xsl:call-template></xsl:variable>
        <xsl:variable name="licence-targets"><xsl:call-template name="licence-targets"><xsl:with-param name="l" select="$licence"/></xsl:call-template></xsl:variable>
        <meta name="dc.rights">
          <xsl:attribute name="content">
            <xsl:choose>
              <xsl:when test="$rights != ''"><xsl:value-of select="$rights"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="normalize-space($licence-targets)"/></xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
        </meta>
        <xsl:for-each select="str:tokenize(normalize-space($licence-targets), ' ')">
          <xsl:if test="starts-with(., 'http://') or starts-with(., 'https://')"><link rel="license" href="{.}"/></xsl:if>
        </xsl:for-each>
      </xsl:if>
      <xsl:for-each select="$header/tei:profileDesc/tei:textClass/tei:keywords/tei:term[normalize-space(.) != '']">
        <meta name="dc.subject" content="{normalize-space(.)}"/>
      </xsl:for-each>
      <xsl:variable name="source"><xsl:call-template name="source-citation"/></xsl:variable>
      <xsl:if test="normalize-space($source) != ''"><meta name="dc.source" content="{normalize-space($source)}"/></xsl:if>
      <meta name="dc.type" content="Text"/>
      <xsl:call-template name="json-ld"/>
    </head>
  </xsl:template>

  <xsl:template name="json-ld">
    <script type="application/ld+json">
      <xsl:text>{"@context":"https://schema.org","@type":"Book","name":"</xsl:text>
      <xsl:call-template name="json-escape"><xsl:with-param name="s" select="$title-text"/></xsl:call-template>
      <xsl:text>"</xsl:text>
      <xsl:if test="$subtitle-text != ''">
        <xsl:text>,"alternativeHeadline":"</xsl:text>
        <xsl:call-template name="json-escape"><xsl:with-param name="s" select="$subtitle-text"/></xsl:call-template>
        <xsl:text>"</xsl:text>
      </xsl:if>
      <xsl:call-template name="json-people">
        <xsl:with-param name="key" select="'author'"/>
        <xsl:with-param name="people" select="$title-authors"/>
      </xsl:call-template>
      <xsl:call-template name="json-people">
        <xsl:with-param name="key" select="'editor'"/>
        <xsl:with-param name="people" select="$editors"/>
      </xsl:call-template>
      <xsl:if test="$pub-date != ''">
        <xsl:text>,"datePublished":"</xsl:text>
        <xsl:call-template name="json-escape"><xsl:with-param name="s" select="$pub-date"/></xsl:call-template>
        <xsl:text>"</xsl:text>
      </xsl:if>
      <xsl:text>,"inLanguage":"</xsl:text>
      <xsl:call-template name="json-escape"><xsl:with-param name="s" select="$doc-lang"/></xsl:call-template>
      <xsl:text>"</xsl:text>
      <!-- an address a reader can follow, as for the licence links -->
      <xsl:variable name="licence-targets"><xsl:if test="$licence"><xsl:call-template name="licence-targets"><xsl:with-param name="l" select="$licence"/></xsl:call-template></xsl:if></xsl:variable>
      <xsl:variable name="licence-url" select="str:tokenize(normalize-space($licence-targets), ' ')[starts-with(., 'http://') or starts-with(., 'https://')][1]"/>
      <xsl:if test="$licence-url">
        <xsl:text>,"license":"</xsl:text>
        <xsl:call-template name="json-escape"><xsl:with-param name="s" select="$licence-url"/></xsl:call-template>
        <xsl:text>"</xsl:text>
      </xsl:if>
      <xsl:if test="$pubStmt/tei:publisher[normalize-space(.) != '']">
        <xsl:text>,"publisher":{"@type":"Organization","name":"</xsl:text>
        <xsl:call-template name="json-escape"><xsl:with-param name="s"><xsl:call-template name="agency-name"><xsl:with-param name="node" select="$pubStmt/tei:publisher[normalize-space(.) != ''][1]"/></xsl:call-template></xsl:with-param></xsl:call-template>
        <xsl:text>"}</xsl:text>
      </xsl:if>
      <xsl:if test="$base-url != ''">
        <xsl:text>,"url":"</xsl:text>
        <xsl:call-template name="json-escape"><xsl:with-param name="s" select="$base-url"/></xsl:call-template>
        <xsl:text>"</xsl:text>
      </xsl:if>
      <xsl:text>}</xsl:text>
    </script>
  </xsl:template>

  <xsl:template name="json-people">
    <xsl:param name="key"/>
    <xsl:param name="people"/>
    <xsl:if test="$people">
      <xsl:value-of select="concat(',&quot;', $key, '&quot;:[')"/>
      <xsl:for-each select="$people">
        <xsl:if test="position() &gt; 1">,</xsl:if>
        <!-- (an institution among the editors, orgName, is an Organization) -->
        <xsl:choose>
          <xsl:when test="self::tei:orgName or tei:orgName[not(../tei:persName)] or @type = 'org' or @type = 'organisation' or @type = 'organization'">
            <xsl:text>{"@type":"Organization","name":"</xsl:text>
          </xsl:when>
          <xsl:otherwise><xsl:text>{"@type":"Person","name":"</xsl:text></xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="json-escape"><xsl:with-param name="s"><xsl:call-template name="name-of"/></xsl:with-param></xsl:call-template>
        <xsl:text>"}</xsl:text>
      </xsl:for-each>
      <xsl:text>]</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- ============ title page ============ -->
  <xsl:template name="titlepage">
    <header id="{$id-titlepage}" class="titlepage">
      <!-- (a title written as a catalogue writes it, its subtitle after " : " (ELTeC's "Bleak
           House : ELTeC edition"), is a title and a subtitle on the title page) -->
      <xsl:variable name="catalogued" select="$subtitle-text = '' and contains($title-text, ' : ')
          and normalize-space(substring-before($title-text, ' : ')) != '' and normalize-space(substring-after($title-text, ' : ')) != ''"/>
      <xsl:variable name="main-title">
        <xsl:choose>
          <xsl:when test="$catalogued">
            <xsl:variable name="m" select="normalize-space(substring-before($title-text, ' : '))"/>
            <xsl:choose>
              <xsl:when test="substring($m, string-length($m)) = '.' and substring($m, string-length($m) - 1, 1) != '.'"><xsl:value-of select="substring($m, 1, string-length($m) - 1)"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="$m"/></xsl:otherwise>
            </xsl:choose>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$title-text"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <h1 class="title"><xsl:value-of select="$main-title"/></h1>
      <xsl:if test="$catalogued"><p class="subtitle"><xsl:value-of select="normalize-space(substring-after($title-text, ' : '))"/></p></xsl:if>
      <!-- the title in another language (a Yiddish play with its English title) -->
      <!-- (also untyped titles side by side, each in its language: a Dutch letter's English title) -->
      <xsl:for-each select="$titleStmt/tei:title[@type = 'main'][position() &gt; 1][@xml:lang][normalize-space(.) != '']
          | $titleStmt/tei:title[not(@type) and not(@level = 's' or @level = 'j')][position() &gt; 1][@xml:lang][normalize-space(.) != '']
              [$titleStmt/tei:title[not(@type) and not(@level = 's' or @level = 'j')][1]/@xml:lang != @xml:lang]">
        <p class="subtitle parallel-title"><xsl:apply-templates select="@xml:lang" mode="att"/><xsl:call-template name="plain-of"><xsl:with-param name="node" select="."/></xsl:call-template></p>
      </xsl:for-each>
      <!-- (titles of one kind that is neither main nor sub, none untyped: a newspaper's issue
           "Politiken 28. Februar 1931" and its article "Et Liv gennem to Tilværelser", both
           type="original": the first is the title, the others follow it) -->
      <xsl:variable name="first-typed" select="$titleStmt/tei:title[not(@type = 'sub' or @type = 'subtitle')][1]"/>
      <xsl:if test="not($titleStmt/tei:title[@type = 'main'] | $titleStmt/tei:title[not(@type) and not(@level = 's' or @level = 'j')])">
        <xsl:for-each select="$first-typed/following-sibling::tei:title[@type = $first-typed/@type][not(@xml:lang and @xml:lang != $first-typed/@xml:lang)][normalize-space(.) != '']">
          <p class="subtitle"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="."/></xsl:call-template></p>
        </xsl:for-each>
      </xsl:if>
      <xsl:if test="$series-text != ''"><p class="subtitle series"><xsl:value-of select="$series-text"/></p></xsl:if>
      <xsl:for-each select="$titleStmt/tei:title[@type = 'sub' or @type = 'subtitle']">
        <p class="subtitle"><xsl:apply-templates select="@xml:lang" mode="att"/><xsl:call-template name="plain-of"><xsl:with-param name="node" select="."/></xsl:call-template></p>
      </xsl:for-each>
      <xsl:if test="$title-authors">
        <p class="author">
          <xsl:call-template name="name-list"><xsl:with-param name="people" select="$title-authors"/><xsl:with-param name="spans" select="true()"/></xsl:call-template>
        </p>
        <!-- an author's affiliation, as a journal article gives it under the name ("Maynooth
             University"): its organisation, else its words -->
        <xsl:for-each select="$title-authors/tei:affiliation[normalize-space(.) != ''][1]">
          <p class="affiliation">
            <xsl:choose>
              <xsl:when test="tei:orgName[normalize-space(.) != '']"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="tei:orgName[normalize-space(.) != ''][1]/node()"/></xsl:call-template></xsl:when>
              <xsl:otherwise><xsl:call-template name="plain-of"><xsl:with-param name="node" select="node()"/></xsl:call-template></xsl:otherwise>
            </xsl:choose>
          </p>
        </xsl:for-each>
      </xsl:if>
      <xsl:if test="$title-editors">
        <p class="editor">
          <xsl:value-of select="concat($L[@k = 'edited-by'], ' ')"/>
          <xsl:call-template name="name-list"><xsl:with-param name="people" select="$title-editors"/><xsl:with-param name="spans" select="true()"/></xsl:call-template>
        </p>
      </xsl:if>
      <xsl:if test="$translators">
        <p class="editor">
          <xsl:value-of select="concat($L[@k = 'translated-by'], ' ')"/>
          <xsl:call-template name="name-list"><xsl:with-param name="people" select="$translators"/><xsl:with-param name="spans" select="true()"/></xsl:call-template>
        </p>
      </xsl:if>
      <xsl:for-each select="$titleStmt/tei:respStmt | $header/tei:fileDesc/tei:editionStmt/tei:respStmt">
          <!-- the responsibility as written (its words, also when they sit in a note:
               "<resp><note>Mitarbeit</note></resp>"), then a colon, unless it already
               leads into the names ("Photographed … by", "übersetzt von") or names nobody -->
          <xsl:variable name="resp"><xsl:for-each select="tei:resp[normalize-space(.) != '']"><xsl:if test="position() &gt; 1"><xsl:text> / </xsl:text></xsl:if>
            <xsl:variable name="plain"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="."/></xsl:call-template></xsl:variable>
            <xsl:choose>
              <xsl:when test="normalize-space($plain) != ''"><xsl:value-of select="$plain"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each></xsl:variable>
          <xsl:variable name="names"><xsl:call-template name="name-list"><xsl:with-param name="people" select="*[not(self::tei:resp)]"/></xsl:call-template></xsl:variable>
          <!-- (a full stop ending the responsibility is no part of it: "Pretvorba zapisa
               Wiki/DjVu v TEI.: Domen Kermc" read as written) -->
          <xsl:variable name="r0" select="normalize-space($resp)"/>
          <xsl:variable name="r">
            <xsl:choose>
              <xsl:when test="substring($r0, string-length($r0)) = '.' and substring($r0, string-length($r0) - 1, 1) != '.'
                              and string-length($r0) &gt; 1"><xsl:value-of select="substring($r0, 1, string-length($r0) - 1)"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="$r0"/></xsl:otherwise>
            </xsl:choose>
          </xsl:variable>
          <xsl:variable name="last-word" select="translate(str:tokenize($r, ' ')[last()], $UPPER, $LOWER)"/>
          <xsl:variable name="leads-in" select="substring($r, string-length($r)) = ':' or contains(' by of von durch par de di da door af av od przez ', concat(' ', $last-word, ' '))"/>
          <!-- (a credit whose name the file leaves empty, "Edited by" and a comment to
               fill it in, credits nobody: no line) -->
          <xsl:if test="normalize-space($names) != '' or ($r != '' and not($leads-in))">
        <p class="resp">
          <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
          <xsl:if test="$r != ''">
            <xsl:value-of select="$r"/>
            <xsl:if test="normalize-space($names) != ''">
              <xsl:choose>
                <xsl:when test="$leads-in"><xsl:text> </xsl:text></xsl:when>
                <xsl:otherwise><xsl:text>: </xsl:text></xsl:otherwise>
              </xsl:choose>
            </xsl:if>
          </xsl:if>
          <xsl:value-of select="$names"/>
        </p>
          </xsl:if>
      </xsl:for-each>
      <xsl:variable name="source"><xsl:call-template name="source-citation"/></xsl:variable>
      <xsl:if test="normalize-space($source) != ''">
        <p class="source"><xsl:value-of select="concat($L[@k = 'source'], ': ', normalize-space($source))"/></p>
      </xsl:if>
      <!-- links only when the edition's file name is known: never an a without href -->
      <xsl:if test="normalize-space($edition-name) != ''">
        <p class="downloads">
          <xsl:value-of select="$L[@k = 'download']"/><xsl:text>: </xsl:text>
          <a href="{normalize-space($edition-name)}.pdf" type="application/pdf">PDF</a>
          <xsl:text> · </xsl:text>
          <a href="{normalize-space($edition-name)}.epub" type="application/epub+zip">EPUB</a>
          <xsl:text> · </xsl:text>
          <a href="{normalize-space($edition-name)}.xml" type="application/tei+xml">TEI</a>
        </p>
      </xsl:if>
    </header>
  </xsl:template>

  <!-- ============ imprint and how to cite ============ -->
  <xsl:template name="imprint">
    <section id="{$id-imprint}" class="imprint" aria-labelledby="{$id-imprint}-heading">
      <h2 id="{$id-imprint}-heading"><xsl:value-of select="$L[@k = 'imprint']"/></h2>
      <xsl:for-each select="$pubStmt/tei:publisher[normalize-space(.) != ''] | $pubStmt/tei:distributor[normalize-space(.) != ''] | $pubStmt/tei:authority[normalize-space(.) != '']">
        <p class="{local-name()}">
          <!-- (no label where the statement already says it: "Publié par Paul Fièvre") -->
          <xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyzàâäéèêëîïôöùûüç'"/>
          <xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZÀÂÄÉÈÊËÎÏÔÖÙÛÜÇ'"/>
          <xsl:variable name="own" select="translate(normalize-space(.), $upper, $lower)"/>
          <xsl:choose>
            <xsl:when test="self::tei:publisher and starts-with($own, translate($L[@k = 'published-by'], $upper, $lower))"/>
            <xsl:when test="self::tei:distributor and starts-with($own, translate($L[@k = 'distributed-by'], $upper, $lower))"/>
            <xsl:when test="self::tei:publisher"><xsl:value-of select="$L[@k = 'published-by']"/><xsl:text> </xsl:text></xsl:when>
            <xsl:when test="self::tei:distributor"><xsl:value-of select="$L[@k = 'distributed-by']"/><xsl:text> </xsl:text></xsl:when>
            <xsl:otherwise><xsl:value-of select="$L[@k = 'responsible']"/><xsl:text>: </xsl:text></xsl:otherwise>
          </xsl:choose>
          <xsl:call-template name="agency-name"><xsl:with-param name="all" select="true()"/></xsl:call-template>
          <xsl:for-each select="tei:email | tei:address">
            <xsl:text>; </xsl:text>
            <xsl:call-template name="plain-of"><xsl:with-param name="node" select="."/></xsl:call-template>
          </xsl:for-each>
        </p>
      </xsl:for-each>
      <!-- who led, sponsored and funded the edition (titleStmt principal, sponsor, funder) -->
      <xsl:for-each select="$titleStmt/tei:principal[normalize-space(.) != ''][1] | $titleStmt/tei:sponsor[normalize-space(.) != ''][1]
          | $titleStmt/tei:funder[normalize-space(.) != ''][1]">
        <xsl:variable name="kind" select="local-name()"/>
        <p class="{$kind}">
          <xsl:choose>
            <xsl:when test="$kind = 'funder'"><xsl:value-of select="concat($L[@k = 'funded-by'], ' ')"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="concat($L[@k = $kind], ': ')"/></xsl:otherwise>
          </xsl:choose>
          <xsl:for-each select="../*[local-name() = $kind][normalize-space(.) != '']">
            <xsl:if test="position() &gt; 1"><xsl:text>; </xsl:text></xsl:if>
            <xsl:call-template name="agency-name"/>
          </xsl:for-each>
        </p>
      </xsl:for-each>
      <xsl:for-each select="$licences">
        <p class="licence">
          <xsl:apply-templates select="@xml:lang" mode="att"/>
          <xsl:variable name="text"><xsl:call-template name="licence-text"/></xsl:variable>
          <xsl:variable name="targets"><xsl:call-template name="licence-targets"/></xsl:variable>
          <!-- only addresses a reader can follow, each its own link -->
          <xsl:variable name="urls" select="str:tokenize($targets, ' ')[starts-with(., 'http://') or starts-with(., 'https://')]"/>
          <xsl:choose>
            <xsl:when test="count($urls) = 1 and $text != ''"><a href="{$urls}" rel="license"><xsl:value-of select="$text"/></a></xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="$text"/>
              <xsl:for-each select="$urls">
                <xsl:choose>
                  <xsl:when test="position() = 1 and $text != ''"><xsl:text>: </xsl:text></xsl:when>
                  <xsl:when test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:when>
                </xsl:choose>
                <a href="{.}" rel="license"><xsl:value-of select="."/></a>
              </xsl:for-each>
            </xsl:otherwise>
          </xsl:choose>
        </p>
      </xsl:for-each>
      <!-- a publication statement written as prose ("Digitale Briefedition Alfred Escher,
           Zürich: Alfred Escher-Stiftung.") -->
      <xsl:for-each select="$pubStmt/tei:p[normalize-space(.) != ''] | $pubStmt/tei:ab[normalize-space(.) != '']">
        <p class="publication"><xsl:apply-templates select="@xml:lang" mode="att"/><xsl:call-template name="plain-of"><xsl:with-param name="node" select="."/></xsl:call-template></p>
      </xsl:for-each>
      <xsl:for-each select="$pubStmt/tei:availability/tei:p | $pubStmt/tei:availability/tei:ab">
        <p class="availability"><xsl:apply-templates select="@xml:lang" mode="att"/><xsl:call-template name="plain-of"><xsl:with-param name="node" select="."/></xsl:call-template></p>
      </xsl:for-each>
      <xsl:if test="$pub-date != ''">
        <p class="date"><xsl:value-of select="$L[@k = 'date']"/><xsl:text>: </xsl:text><xsl:value-of select="$pub-date"/></p>
      </xsl:if>
      <p class="generator">
        <xsl:value-of select="$L[@k = 'made-with']"/>
        <xsl:if test="$editio-version != ''"><xsl:value-of select="concat(' ', $editio-version)"/></xsl:if>
        <xsl:if test="$build-date != ''"><xsl:value-of select="concat(', ', $build-date)"/></xsl:if>
        <xsl:text>.</xsl:text>
      </p>
      <div id="{$id-how-to-cite}" class="how-to-cite">
        <h3><xsl:value-of select="$L[@k = 'how-to-cite']"/></h3>
        <!-- Author, Title. Subtitle, ed. Editor, Publisher, date, URL (version of build date).
             Without a base URL the citation names no address: it reads as a citation of
             the edition itself, wherever it is read. -->
        <p class="citation">
          <!-- (names written surname first are parted by semicolons: "Weber, Carl Maria
               von; Weber, Caroline", never four names in a row of commas) -->
          <xsl:variable name="author-names"><xsl:call-template name="name-list"><xsl:with-param name="people" select="$title-authors"/></xsl:call-template></xsl:variable>
          <xsl:if test="$author-names != ''"><xsl:value-of select="$author-names"/><xsl:text>, </xsl:text></xsl:if>
          <cite><xsl:value-of select="$title-text"/></cite>
          <!-- (a subtitle that begins in lower case follows a colon: "Our Country's Flag: a
               machine-readable transcription", never ". a machine…") -->
          <xsl:if test="$subtitle-text != ''">
            <xsl:choose>
              <xsl:when test="translate(substring($subtitle-text, 1, 1), 'abcdefghijklmnopqrstuvwxyzàáâäéèêëíîïóôöúùûüç', '') = ''"><xsl:value-of select="concat(': ', $subtitle-text)"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="concat('. ', $subtitle-text)"/></xsl:otherwise>
            </xsl:choose>
          </xsl:if>
          <xsl:if test="$series-text != ''"><xsl:value-of select="concat(', ', $L[@k = 'in'], ' ')"/><cite><xsl:value-of select="$series-text"/></cite></xsl:if>

          <!-- an editor named twice in the header (editor and respStmt) is cited once -->
          <xsl:variable name="editor-names"><xsl:call-template name="name-list"><xsl:with-param name="people" select="$editors"/><xsl:with-param name="once" select="true()"/></xsl:call-template></xsl:variable>
          <xsl:if test="$editor-names != ''"><xsl:value-of select="concat(', ', $L[@k = 'ed'], ' ', $editor-names)"/></xsl:if>
          <xsl:for-each select="$pubStmt/tei:publisher[normalize-space(.) != ''][1]">
            <xsl:text>, </xsl:text>
            <xsl:call-template name="agency-name"/>
          </xsl:for-each>
          <!-- the date the header gives the publication; the day this edition was made is
               its version, never the publisher's date ("Trustees of Tufts University,
               2023-11-14" dated Perseus's text by the build) -->
          <xsl:if test="$pub-date != ''"><xsl:value-of select="concat(', ', $pub-date)"/></xsl:if>
          <!-- the text's DOI, as a citation gives it (a journal's article, RIDE's reviews) -->
          <xsl:for-each select="$pubStmt/tei:idno[translate(normalize-space(@type), 'doi', 'DOI') = 'DOI'][normalize-space(.) != ''][1]">
            <xsl:variable name="doi" select="normalize-space(.)"/>
            <xsl:variable name="href">
              <xsl:choose>
                <xsl:when test="starts-with($doi, 'https://') or starts-with($doi, 'http://')"><xsl:value-of select="$doi"/></xsl:when>
                <xsl:when test="starts-with($doi, 'doi:')"><xsl:value-of select="concat('https://doi.org/', substring-after($doi, 'doi:'))"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="concat('https://doi.org/', $doi)"/></xsl:otherwise>
              </xsl:choose>
            </xsl:variable>
            <xsl:text>, </xsl:text>
            <a class="url" href="{$href}"><xsl:value-of select="$href"/></a>
          </xsl:for-each>
          <xsl:if test="normalize-space($base-url) != ''">
            <xsl:text>, </xsl:text>
            <a class="url" href="{normalize-space($base-url)}"><xsl:value-of select="normalize-space($base-url)"/></a>
          </xsl:if>
          <xsl:if test="$build-date != '' and $build-date != $pub-date">
            <xsl:value-of select="concat(' (', $L[@k = 'version-of'], ' ', $build-date, ')')"/>
          </xsl:if>
          <xsl:text>.</xsl:text>
        </p>
      </div>
    </section>
  </xsl:template>

  <!-- ============ about this edition ============ -->
  <!-- What "About this edition" holds: the source's description, the editorial
       principles, the notes on the text (its section and its contents entry both ask). -->
    <!-- (a prosopography in sourceDesc, listPerson and the like, is the register's, not
         the description of the source) -->
  <xsl:variable name="about-src" select="$source-parts[normalize-space(.) != '']/.."/>
    <!-- (an encodingDesc that says how the text was edited in paragraphs of its own is
         the edition's principles too) -->
    <!-- (an editorialDecl beside encodingDesc's own paragraphs is one section with them:
         "Editorial principles" stood twice, in the contents too) -->
  <xsl:variable name="about-enc" select="$header/tei:encodingDesc[tei:p[normalize-space(.) != '']]
        | $header/tei:encodingDesc/*[self::tei:projectDesc or self::tei:samplingDecl][normalize-space(.) != '']
        | $header/tei:encodingDesc[not(tei:p[normalize-space(.) != ''])]/tei:editorialDecl[normalize-space(.) != ''][1]
        | $header/tei:profileDesc/tei:settingDesc[tei:setting | tei:p]"/>
    <!-- (notes on the text in the header, notesStmt: the dating of a manuscript, the works
         it relates to, the resource a review reviews) -->
  <xsl:variable name="about-notes" select="$header/tei:fileDesc/tei:notesStmt[normalize-space(.) != '']"/>
  <xsl:template name="about-section">
    <xsl:variable name="other-ids" select="$header//*[@xml:id][not(ancestor-or-self::tei:sourceDesc or ancestor-or-self::tei:projectDesc
        or ancestor-or-self::tei:notesStmt[normalize-space(.) != '']
        or ancestor-or-self::tei:p[parent::tei:encodingDesc]
        or ancestor-or-self::tei:editorialDecl or ancestor-or-self::tei:samplingDecl or ancestor-or-self::tei:settingDesc
        or ancestor-or-self::tei:listPerson or ancestor-or-self::tei:listPlace or ancestor-or-self::tei:listOrg
        or ancestor-or-self::tei:person or ancestor-or-self::tei:personGrp or ancestor-or-self::tei:place or ancestor-or-self::tei:org
        or self::tei:respStmt[parent::tei:titleStmt])]
        | $header/tei:fileDesc/tei:titleStmt/tei:respStmt//*[@xml:id]
        | ($header/tei:fileDesc/tei:sourceDesc | $header/tei:encodingDesc/tei:projectDesc | $header/tei:encodingDesc/tei:editorialDecl
           | $header/tei:encodingDesc/tei:samplingDecl | $header/tei:profileDesc/tei:settingDesc)[normalize-space(.) = ''][not(self::tei:settingDesc[tei:setting | tei:p])]/descendant-or-self::*[@xml:id]"/>
    <!-- (with nothing to show, only the anchors of the header's ids stay: an empty section
         headed "About this edition" stood in the contents) -->
    <xsl:if test="not($about-src or $about-enc or $about-notes) and $other-ids">
      <p class="header-anchors" hidden="hidden"><xsl:call-template name="id-anchors"><xsl:with-param name="nodes" select="$other-ids"/></xsl:call-template></p>
    </xsl:if>
    <xsl:if test="$about-src or $about-enc or $about-notes">
      <section id="{$id-about}" class="about" aria-labelledby="{$id-about}-heading">
        <h2 id="{$id-about}-heading"><xsl:value-of select="$L[@k = 'about']"/></h2>
        <xsl:if test="$about-src">
          <section class="sourceDesc" aria-labelledby="{$id-about-source}">
            <xsl:if test="$about-src/@xml:id"><xsl:attribute name="id"><xsl:value-of select="$about-src/@xml:id"/></xsl:attribute></xsl:if>
            <h3 id="{$id-about-source}"><xsl:value-of select="$L[@k = 'source']"/></h3>
            <!-- (the parts of those) -->
            <xsl:apply-templates select="$source-parts[count(.. | $about-src) = count($about-src)]" mode="about"/>
          </section>
        </xsl:if>
        <xsl:for-each select="$about-enc">
          <section class="{local-name()}">
            <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
            <xsl:attribute name="aria-labelledby">about-<xsl:value-of select="local-name()"/></xsl:attribute>
            <h3 id="about-{local-name()}">
              <xsl:choose>
                <xsl:when test="self::tei:projectDesc"><xsl:value-of select="$L[@k = 'project']"/></xsl:when>
                <xsl:when test="self::tei:samplingDecl"><xsl:value-of select="$L[@k = 'selection']"/></xsl:when>
                <xsl:when test="self::tei:settingDesc"><xsl:value-of select="$L[@k = 'setting']"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="$L[@k = 'principles']"/></xsl:otherwise>
              </xsl:choose>
            </h3>
            <!-- (several editorialDecl, one per aspect, are one section: five headings
                 "Editorial principles" stood in a row, with one id five times) -->
            <xsl:apply-templates select="*[not(self::tei:listPerson or self::tei:listPlace or self::tei:listOrg or self::tei:place or self::tei:person or self::tei:org)]
                [not(parent::tei:encodingDesc) or self::tei:p]
                | self::tei:encodingDesc/tei:editorialDecl[normalize-space(.) != '']/*
                | self::tei:editorialDecl/following-sibling::tei:editorialDecl[normalize-space(.) != '']/*" mode="about"/>
          </section>
        </xsl:for-each>
        <xsl:for-each select="$about-notes">
          <section class="notesStmt" aria-labelledby="about-notesStmt">
            <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
            <h3 id="about-notesStmt"><xsl:value-of select="$L[@k = 'notes']"/></h3>
            <xsl:for-each select="*[normalize-space(.) != '']">
              <xsl:choose>
                <xsl:when test="self::tei:note and tei:p"><xsl:apply-templates select="tei:p" mode="about"/></xsl:when>
                <xsl:when test="self::tei:relatedItem">
                  <!-- "Reviewed resource: William Godwin's Diary, …" (its kind as the file names it) -->
                  <xsl:variable name="kind" select="translate(normalize-space(@type), '_-', '  ')"/>
                  <xsl:variable name="cited">
                    <xsl:for-each select="*[1]">
                      <xsl:choose>
                        <!-- (a record of the work: its title, makers, date and address, not
                             the thirty credits of its team) -->
                        <xsl:when test="self::tei:bibl and tei:title">
                          <xsl:for-each select="(tei:author | tei:editor | tei:title | tei:date[not(@type = 'accessed')] | tei:idno | tei:ptr/@target)[normalize-space(.) != '']">
                            <xsl:if test="position() > 1"><xsl:text>, </xsl:text></xsl:if>
                            <xsl:choose>
                              <xsl:when test="self::tei:author or self::tei:editor"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="node()"/></xsl:call-template></xsl:when>
                              <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
                            </xsl:choose>
                          </xsl:for-each>
                        </xsl:when>
                        <xsl:when test="self::tei:bibl"><xsl:call-template name="parts-as-written"/></xsl:when>
                        <xsl:when test="self::tei:biblStruct or self::tei:biblFull"><xsl:call-template name="citation-of"/></xsl:when>
                        <xsl:otherwise><xsl:call-template name="plain-of"><xsl:with-param name="node" select="node()"/></xsl:call-template></xsl:otherwise>
                      </xsl:choose>
                    </xsl:for-each>
                  </xsl:variable>
                  <p class="relatedItem">
                    <xsl:if test="$kind != ''">
                      <xsl:value-of select="concat(translate(substring($kind, 1, 1), 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), substring($kind, 2), ': ')"/>
                    </xsl:if>
                    <xsl:value-of select="normalize-space($cited)"/>
                    <xsl:call-template name="id-anchors"><xsl:with-param name="nodes" select="descendant-or-self::*[@xml:id]"/></xsl:call-template>
                  </p>
                </xsl:when>
                <xsl:otherwise>
                  <p class="{local-name()}">
                    <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
                    <xsl:apply-templates select="@xml:lang" mode="att"/>
                    <xsl:call-template name="plain-of"><xsl:with-param name="node" select="node()"/></xsl:call-template>
                    <xsl:call-template name="id-anchors"><xsl:with-param name="nodes" select=".//*[@xml:id]"/></xsl:call-template>
                  </p>
                </xsl:otherwise>
              </xsl:choose>
            </xsl:for-each>
          </section>
        </xsl:for-each>
        <xsl:if test="$other-ids">
          <p class="header-anchors" hidden="hidden"><xsl:call-template name="id-anchors"><xsl:with-param name="nodes" select="$other-ids"/></xsl:call-template></p>
        </xsl:if>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- Header prose: paragraphs as such; structured parts (editorialDecl/correction...) as
       one paragraph each, their text kept; everything as plain text so that no id of
       the header is rendered twice. -->
  <xsl:template match="tei:p" mode="about">
    <p>
      <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
      <xsl:apply-templates select="@xml:lang" mode="att"/>
      <xsl:call-template name="plain-of"><xsl:with-param name="node" select="."/></xsl:call-template>
      <xsl:call-template name="id-anchors"><xsl:with-param name="nodes" select=".//*[@xml:id]"/></xsl:call-template>
    </p>
  </xsl:template>
  <!-- A structured description of the source reads as a citation. -->
  <xsl:template match="tei:biblFull | tei:biblStruct" mode="about">
    <xsl:variable name="cited"><xsl:call-template name="citation-of"/></xsl:variable>
    <p class="{local-name()}">
      <xsl:if test="normalize-space($cited) = ''"><xsl:attribute name="hidden">hidden</xsl:attribute></xsl:if>
      <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
      <xsl:value-of select="$cited"/>
      <xsl:call-template name="id-anchors"><xsl:with-param name="nodes" select=".//*[@xml:id]"/></xsl:call-template>
    </p>
  </xsl:template>

  <!-- The source as one line of text: the citation of the first biblFull or biblStruct,
       else the text of the first element of sourceDesc. -->
  <xsl:template name="source-citation">
    <xsl:variable name="first" select="$source-parts[1]"/>
    <xsl:choose>
      <xsl:when test="$first[self::tei:biblFull or self::tei:biblStruct]">
        <xsl:for-each select="$first"><xsl:call-template name="citation-of"/></xsl:for-each>
      </xsl:when>
      <xsl:when test="$first[self::tei:msDesc]/tei:msIdentifier">
        <!-- a manuscript or an object is cited by where it is kept: "Oxford, Bodleian
             Library, MS. Digby 7" (the place, the repository, the collection, the shelfmark) -->
        <xsl:apply-templates select="$first/tei:msIdentifier" mode="cited"/>
      </xsl:when>
      <xsl:when test="$first[self::tei:bibl]">
        <xsl:for-each select="$first"><xsl:call-template name="parts-as-written"/></xsl:for-each>
      </xsl:when>
      <!-- the witnesses of a collation, each by its siglum and where it is kept ("atw:
           Anvers, Museum Plantin-Moretus, M 15.6; brl: …"), not every fact of their
           descriptions in one run-on line -->
      <xsl:when test="$first[self::tei:listWit]//tei:witness">
        <xsl:for-each select="$first//tei:witness">
          <xsl:if test="position() &gt; 1"><xsl:text>; </xsl:text></xsl:if>
          <xsl:variable name="siglum"><xsl:call-template name="witness-siglum"/></xsl:variable>
          <xsl:if test="normalize-space($siglum) != ''"><xsl:value-of select="concat(normalize-space($siglum), ': ')"/></xsl:if>
          <xsl:variable name="what">
            <xsl:choose>
              <xsl:when test="tei:msDesc/tei:msIdentifier"><xsl:apply-templates select="tei:msDesc/tei:msIdentifier" mode="cited"/></xsl:when>
              <xsl:when test="tei:bibl"><xsl:for-each select="tei:bibl[1]"><xsl:call-template name="parts-as-written"/></xsl:for-each></xsl:when>
              <xsl:otherwise><xsl:call-template name="plain-of"><xsl:with-param name="node" select="node()[not(self::tei:abbr[@type = 'siglum'])]"/></xsl:call-template></xsl:otherwise>
            </xsl:choose>
          </xsl:variable>
          <xsl:value-of select="normalize-space($what)"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="plain-of"><xsl:with-param name="node" select="$first"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "Author, Title, ed. Editor, Place: Publisher, Date." from a biblFull or biblStruct. -->
  <xsl:template name="citation-of">
    <xsl:variable name="authors" select="(tei:titleStmt | tei:analytic | tei:monogr)/tei:author"/>
    <xsl:variable name="editors" select="(tei:titleStmt | tei:monogr)/tei:editor"/>
    <xsl:variable name="title" select="((tei:titleStmt | tei:analytic | tei:monogr)/tei:title)[1]"/>
    <xsl:variable name="pub" select="(tei:publicationStmt | tei:monogr/tei:imprint)[1]"/>
    <xsl:variable name="parts-rtf">
      <xsl:if test="$authors"><part><xsl:for-each select="$authors"><xsl:if test="position() &gt; 1">, </xsl:if><xsl:call-template name="name-of"/></xsl:for-each></part></xsl:if>
      <xsl:if test="$title"><part><xsl:call-template name="plain-of"><xsl:with-param name="node" select="$title"/></xsl:call-template></part></xsl:if>
      <!-- the journal or book an article stands in ("The Anglo-African") -->
      <xsl:if test="tei:analytic and tei:monogr/tei:title[normalize-space(.) != '']">
        <part><xsl:call-template name="plain-of"><xsl:with-param name="node" select="tei:monogr/tei:title[normalize-space(.) != ''][1]"/></xsl:call-template></part>
      </xsl:if>
      <xsl:if test="$editors"><part><xsl:value-of select="concat($L[@k = 'ed'], ' ')"/><xsl:for-each select="$editors"><xsl:if test="position() &gt; 1">, </xsl:if><xsl:call-template name="name-of"/></xsl:for-each></part></xsl:if>
      <xsl:variable name="place"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="$pub/tei:pubPlace[1]"/></xsl:call-template></xsl:variable>
      <xsl:variable name="publisher"><xsl:call-template name="agency-name"><xsl:with-param name="node" select="($pub/tei:publisher | $pub/tei:distributor | $pub/tei:authority)[1]"/></xsl:call-template></xsl:variable>
      <xsl:if test="$place != '' or $publisher != ''">
        <part><xsl:value-of select="$place"/><xsl:if test="$place != '' and $publisher != ''">: </xsl:if><xsl:value-of select="$publisher"/></part>
      </xsl:if>
      <xsl:variable name="date" select="normalize-space(($pub/tei:date)[1])"/>
      <xsl:if test="$date != ''"><part><xsl:value-of select="$date"/></part></xsl:if>
      <xsl:for-each select="(tei:monogr | tei:monogr/tei:imprint)/tei:biblScope[normalize-space(.) != '']"><part><xsl:value-of select="normalize-space(.)"/></part></xsl:for-each>
    </xsl:variable>
    <!-- (a record that only points at another one, sameAs, cites nothing: no lone ".") -->
    <xsl:variable name="parts" select="exsl:node-set($parts-rtf)/part[normalize-space(.) != '']"/>
    <xsl:for-each select="$parts">
      <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
      <xsl:value-of select="normalize-space(.)"/>
    </xsl:for-each>
    <xsl:if test="$parts"><xsl:text>.</xsl:text></xsl:if>
  </xsl:template>

  <!-- Where a manuscript is kept, as it is cited: "Oxford, Bodleian Library, Digby 177"
       (the place, the institution or repository, the shelfmark in its collection). -->
  <xsl:template match="tei:msIdentifier" mode="cited">
    <!-- (its place may be wrapped: placeName/settlement, as the Froissart edition writes it) -->
    <xsl:for-each select="(*[self::tei:settlement or self::tei:institution or self::tei:repository or self::tei:collection or self::tei:idno or self::tei:msName]
        | tei:placeName/tei:settlement)[normalize-space(.) != '']">
      <!-- a shelfmark follows its collection as one name ("Digby 177") -->
      <xsl:choose>
        <xsl:when test="position() = 1"/>
        <xsl:when test="self::tei:idno and preceding-sibling::*[1][self::tei:collection]"><xsl:text> </xsl:text></xsl:when>
        <xsl:otherwise><xsl:text>, </xsl:text></xsl:otherwise>
      </xsl:choose>
      <!-- (a shelfmark given in parts, "<idno><idno>I/169</idno><idno type='uri'>…</idno></idno>",
           keeps them apart) -->
      <xsl:call-template name="parts-as-written"/>
    </xsl:for-each>
  </xsl:template>

  <!-- The witnesses of an apparatus: each by its siglum, then what it is ("L: London,
       British Library, Lansdowne 436 (Chronicle and British saints' lives)"). -->
  <xsl:template match="tei:listWit" mode="about">
    <p class="listWit">
      <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
      <span class="label"><xsl:call-template name="about-label"/></span><xsl:text>: </xsl:text>
      <xsl:for-each select=".//tei:witness">
        <xsl:if test="position() &gt; 1"><xsl:text>; </xsl:text></xsl:if>

        <xsl:variable name="what">
          <xsl:choose>
            <xsl:when test="tei:msDesc/tei:msIdentifier">
              <xsl:apply-templates select="tei:msDesc/tei:msIdentifier" mode="cited"/>
              <xsl:variable name="summary"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="(tei:msDesc/tei:msContents/tei:summary | tei:msDesc/tei:head)[1]"/></xsl:call-template></xsl:variable>
              <xsl:if test="normalize-space($summary) != ''"><xsl:value-of select="concat(' (', normalize-space($summary), ')')"/></xsl:if>
            </xsl:when>
            <!-- a witness described by a bibl: its parts as a citation ("ORIGINAL POEMS, Emily Dickinson") -->
            <xsl:when test="tei:bibl and not(text()[normalize-space(.) != ''])">
              <xsl:for-each select="tei:bibl">
                <xsl:if test="position() &gt; 1"><xsl:text>; </xsl:text></xsl:if>
                <xsl:call-template name="parts-as-written"/>
              </xsl:for-each>
            </xsl:when>
            <xsl:otherwise><xsl:call-template name="plain-of"><xsl:with-param name="node" select="node()[not(self::tei:abbr[@type = 'siglum'])]"/></xsl:call-template></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <span class="witness">
          <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
          <xsl:if test="normalize-space(@n) != '' or tei:abbr[@type = 'siglum'] or @xml:id">
            <b class="siglum"><xsl:call-template name="witness-siglum"/></b><xsl:text> </xsl:text>
          </xsl:if>
          <xsl:value-of select="normalize-space($what)"/>
        </span>
      </xsl:for-each>
      <xsl:text>.</xsl:text>
    </p>
  </xsl:template>

  <!-- A manuscript's or an object's description (msDesc): a paragraph for each of its
       parts (where it is kept, its contents, its physical description, its history…), the
       facts of a part parted by commas, a prose paragraph whole; never one run-on line. -->
  <xsl:template match="tei:msDesc" mode="about">
    <div class="msDesc">
      <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
      <xsl:apply-templates select="@xml:lang" mode="att"/>
      <xsl:for-each select="*[normalize-space(.) != '']">
        <xsl:variable name="facts-rtf"><xsl:apply-templates select="." mode="ms-facts"/></xsl:variable>
        <xsl:variable name="facts" select="exsl:node-set($facts-rtf)/f"/>
        <p class="ms-part">
          <xsl:for-each select="$facts">
            <xsl:if test="position() &gt; 1">
              <xsl:variable name="before" select="substring(preceding-sibling::f[1], string-length(preceding-sibling::f[1]))"/>
              <xsl:choose>
                <xsl:when test="@glued or contains('.!?;:', $before)"><xsl:text> </xsl:text></xsl:when>
                <xsl:otherwise><xsl:text>, </xsl:text></xsl:otherwise>
              </xsl:choose>
            </xsl:if>
            <xsl:value-of select="."/>
          </xsl:for-each>
          <xsl:call-template name="id-anchors"><xsl:with-param name="nodes" select="descendant-or-self::*[@xml:id]"/></xsl:call-template>
        </p>
      </xsl:for-each>
    </div>
  </xsl:template>
  <!-- The facts of a part of a description: an element holding text of its own (prose, a
       name, a date) is one fact; one holding only elements gives theirs. -->
  <!-- (another number of the manuscript is one fact with its kind: "SC 1778"; a work
       cited in the description is cited as the source is) -->
  <xsl:template match="tei:altIdentifier[normalize-space(tei:idno) != '']" mode="ms-facts">
    <f><xsl:value-of select="normalize-space(concat(@type, ' ', tei:idno[1]))"/></f>
  </xsl:template>
  <xsl:template match="tei:biblStruct" mode="ms-facts">
    <xsl:variable name="cited"><xsl:apply-templates select="." mode="entry"/></xsl:variable>
    <f><xsl:value-of select="normalize-space($cited)"/></f>
  </xsl:template>
  <xsl:template match="tei:biblFull" mode="ms-facts">
    <xsl:variable name="cited"><xsl:call-template name="citation-of"/></xsl:variable>
    <f><xsl:value-of select="normalize-space($cited)"/></f>
  </xsl:template>
  <!-- (a shelfmark is one fact with its collection: "Digby 177") -->
  <xsl:template match="tei:msIdentifier/tei:idno[preceding-sibling::*[1][self::tei:collection]][normalize-space(.) != '']" mode="ms-facts">
    <f glued="y"><xsl:call-template name="parts-as-written"/></f>
  </xsl:template>
  <!-- (the dimensions are one fact, as the text gives them: "329 × 230 mm", core.xsl) -->
  <xsl:template match="tei:dimensions[*[self::tei:height or self::tei:width or self::tei:depth or self::tei:dim][normalize-space(.) != '' or @quantity]]" mode="ms-facts">
    <xsl:variable name="measured"><xsl:apply-templates select="."/></xsl:variable>
    <f><xsl:value-of select="normalize-space($measured)"/></f>
  </xsl:template>
  <xsl:template match="*" mode="ms-facts">
    <xsl:choose>
      <xsl:when test="normalize-space(.) = ''"/>
      <xsl:when test="text()[normalize-space(.) != ''] or not(*)">
        <f><xsl:call-template name="plain-of"><xsl:with-param name="node" select="."/></xsl:call-template></f>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates select="*" mode="ms-facts"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="*" mode="about">
    <xsl:variable name="t">
      <xsl:choose>
        <xsl:when test="self::tei:bibl"><xsl:call-template name="parts-as-written"/></xsl:when>
        <xsl:otherwise><xsl:call-template name="plain-of"><xsl:with-param name="node" select="."/></xsl:call-template></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="$t != ''">
      <p class="{local-name()}">
        <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
        <xsl:apply-templates select="@xml:lang" mode="att"/>
        <xsl:if test="not(self::tei:bibl or self::tei:biblStruct or self::tei:biblFull or self::tei:msDesc)">
          <span class="label"><xsl:call-template name="about-label"/></span><xsl:text>: </xsl:text>
        </xsl:if>
        <xsl:value-of select="$t"/>
        <xsl:call-template name="id-anchors"><xsl:with-param name="nodes" select=".//*[@xml:id][not(ancestor-or-self::tei:note)]"/></xsl:call-template>
      </p>
      <xsl:for-each select=".//tei:note">
        <p class="note">
          <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
          <xsl:call-template name="plain-of"><xsl:with-param name="node" select="node()"/></xsl:call-template>
          <xsl:call-template name="id-anchors"><xsl:with-param name="nodes" select=".//*[@xml:id][not(self::tei:note)]"/></xsl:call-template>
        </p>
      </xsl:for-each>
    </xsl:if>
    <xsl:if test="$t = ''">
      <xsl:call-template name="id-anchors"><xsl:with-param name="nodes" select="descendant-or-self::*[@xml:id]"/></xsl:call-template>
    </xsl:if>
  </xsl:template>
  <!-- The label of a part of the encoding description or the source in "About this
       edition", in the document's language (labels.xml, about-NAME); a part editio has
       no word for is a "Note". -->
  <xsl:template name="about-label">
    <xsl:variable name="word" select="$L[@k = concat('about-', local-name(current()))]"/>
    <xsl:choose>
      <xsl:when test="$word"><xsl:value-of select="$word"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$L[@k = 'about-other']"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Links from the table of contents to the sections after the text. -->
  <xsl:template name="toc-back-matter">
    <xsl:if test="$text-notes or $text-apps">
      <li class="toc-notes"><a href="#{$id-notes}"><xsl:value-of select="$L[@k = 'notes']"/></a></li>
    </xsl:if>
    <xsl:if test="$header//tei:person | $header//tei:personGrp | $header//tei:place | $header//tei:org
        | key('element-by-name', 'person')[ancestor::tei:standOff] | key('element-by-name', 'personGrp')[ancestor::tei:standOff] | key('element-by-name', 'place')[ancestor::tei:standOff] | key('element-by-name', 'org')[ancestor::tei:standOff]">
      <li class="toc-register"><a href="#{$id-register}"><xsl:value-of select="$L[@k = 'register']"/></a></li>
    </xsl:if>
    <xsl:if test="$index-entries">
      <li class="toc-index"><a href="#{$id-index}"><xsl:value-of select="$L[@k = 'index']"/></a></li>
    </xsl:if>
    <xsl:if test="$intervention-items or not($regularisations-listed)">
      <li class="toc-interventions"><a href="#{$id-interventions}"><xsl:value-of select="$L[@k = 'interventions']"/></a></li>
    </xsl:if>
    <xsl:if test="$about-src or $about-enc or $about-notes">
      <li class="toc-about"><a href="#{$id-about}"><xsl:value-of select="$L[@k = 'about']"/></a></li>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
